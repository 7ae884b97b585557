package client

import (
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// The fuzz targets start from what the emulator really answers, odd answers
// included: every envelope and both agent spellings, ids past 2^53, nulls
// and absent fields, non-ASCII text, and the bodies of its faults and
// errors. The targets add hand-written seeds for what it never sends.

// emulatorAnswer is one answer of the emulator: its status, Retry-After and
// body.
type emulatorAnswer struct {
	status     int
	retryAfter string
	body       []byte
}

// askEmulator is the emulator's answer to GET path with query, in process.
func askEmulator(opts emulator.Options, path, query string) emulatorAnswer {
	opts.APIKey = emulatorKey
	req := httptest.NewRequest(http.MethodGet, "/api/v1/"+path+"?"+query, nil)
	req.Header.Set("Authorization", "Bearer "+emulatorKey)
	rec := httptest.NewRecorder()
	emulator.New(opts).ServeHTTP(rec, req)
	return emulatorAnswer{status: rec.Code, retryAfter: rec.Header().Get("Retry-After"), body: rec.Body.Bytes()}
}

// seedAgent is the agent the seeds' lists belong to.
const seedAgent = "agt_seed"

// emulatorPages are page bodies of list as the emulator sends them:
// "leads" in each envelope, "conversations", "agents" in both spellings.
func emulatorPages(list string) [][]byte {
	leads := map[string][]emulator.Lead{seedAgent: emulator.SeedLeads(seedAgent, 14)}
	conversations := map[string][]emulator.Conversation{seedAgent: emulator.SeedConversations(seedAgent, 9)}
	var pages [][]byte
	switch list {
	case "leads":
		for _, env := range []emulator.Envelope{emulator.EnvelopeData, emulator.EnvelopeCollectedCustomers, emulator.EnvelopeCollectedCustomersData} {
			opts := emulator.Options{Leads: leads, Envelope: env}
			pages = append(pages,
				askEmulator(opts, "get-leads", "agentId="+seedAgent+"&page=1&size=14").body,
				askEmulator(opts, "get-leads", "agentId="+seedAgent+"&page=2&size=14").body) // past the end: empty
		}
	case "conversations":
		opts := emulator.Options{Conversations: conversations}
		pages = append(pages,
			askEmulator(opts, "get-conversations", "agentId="+seedAgent+"&page=1&size=9").body,
			askEmulator(opts, "get-conversations", "agentId="+seedAgent+"&page=2&size=9").body)
	case "agents":
		for _, shape := range []emulator.AgentShape{emulator.AgentShapeChatzuri, emulator.AgentShapeChatbase} {
			opts := emulator.Options{Leads: leads, Conversations: map[string][]emulator.Conversation{"agt_other": nil}, AgentShape: shape}
			pages = append(pages, askEmulator(opts, "get-chatbots", "").body)
		}
	}
	return append(pages, emulatorFaults()...)
}

// emulatorFaults are the bodies of the emulator's faults that fit in a test
// (a connection reset and a slow or huge body do not) and of its errors.
func emulatorFaults() [][]byte {
	var bodies [][]byte
	for _, a := range emulatorFaultAnswers() {
		bodies = append(bodies, a.body)
	}
	return bodies
}

func emulatorFaultAnswers() []emulatorAnswer {
	leads := map[string][]emulator.Lead{seedAgent: emulator.SeedLeads(seedAgent, 3)}
	var answers []emulatorAnswer
	for _, f := range []emulator.Fault{
		emulator.FaultTruncatedJSON, emulator.FaultHTMLBadGateway, emulator.FaultEmptyBody,
		emulator.FaultWrongShape, emulator.FaultTooManyRequests, emulator.FaultServerError,
	} {
		answers = append(answers, askEmulator(emulator.Options{Leads: leads, Faults: emulator.FaultAlways(f), RetryAfter: "7"}, "get-leads", "agentId="+seedAgent))
	}
	opts := emulator.Options{Leads: leads}
	return append(answers,
		askEmulator(opts, "get-leads", "agentId=agt_nobody"),                // 404
		askEmulator(opts, "get-leads", "agentId="+seedAgent+"&startDate=x"), // 400
		askEmulator(opts, "no-such-endpoint", ""),                           // 404
	)
}

// addSeeds adds each body, and the hand-written ones, to f's corpus.
func addSeeds(f *testing.F, fromEmulator [][]byte, handWritten ...string) {
	for _, b := range fromEmulator {
		f.Add(b)
	}
	for _, s := range handWritten {
		f.Add([]byte(s))
	}
}
