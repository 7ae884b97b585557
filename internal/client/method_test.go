package client

import (
	"encoding/json"
	"errors"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// postOnlyServer answers GET with 405 and serves ids on POST, reading page
// and size from the JSON body only, as a server of the older pages would.
// It refuses a body that does not spell page and size as JSON numbers or
// the agent as a string.
func postOnlyServer(t *testing.T, ids []string) *recordingServer {
	t.Helper()
	return newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			writeJSON(w, http.StatusMethodNotAllowed, `{"message":"Method not allowed"}`)
			return
		}
		var body map[string]any
		if r.Header.Get("Content-Type") != "application/json" || json.NewDecoder(r.Body).Decode(&body) != nil {
			writeJSON(w, http.StatusBadRequest, `{"message":"want a JSON body"}`)
			return
		}
		page, pageOK := body["page"].(float64)
		size, sizeOK := body["size"].(float64)
		if _, ok := body["agentId"].(string); !ok || !pageOK || !sizeOK || page < 1 || size < 1 {
			writeJSON(w, http.StatusBadRequest, `{"message":"Invalid body"}`)
			return
		}
		from := min((int(page)-1)*int(size), len(ids))
		to := min(from+int(size), len(ids))
		writeJSON(w, http.StatusOK, dataBody(ids[from:to]...))
	})
}

// methods lists the method and page of every request received, as "GET 1".
func methods(s *recordingServer) []string {
	var got []string
	for _, r := range s.Recorded() {
		got = append(got, r.Method+" "+r.URL.Query().Get("page"))
	}
	return got
}

func TestListAnswered405ToGETIsAskedAgainWithPOST(t *testing.T) {
	srv := postOnlyServer(t, seq(7))
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", StartDate: "2026-01-01", PageSize: 3})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := idsOf(res.Items); !slices.Equal(got, seq(7)) {
		t.Fatalf("leads = %v, want %v", got, seq(7))
	}
	// 7 leads at 3 a page: pages 1-3 and the empty page 4, all by POST
	// once GET was refused.
	if got, want := methods(srv), []string{"GET 1", "POST 1", "POST 2", "POST 3", "POST 4"}; !slices.Equal(got, want) {
		t.Fatalf("requests = %v, want %v", got, want)
	}
}

func TestPOSTCarriesTheParametersInTheQueryAndInAJSONBody(t *testing.T) {
	var mu sync.Mutex
	var bodies []string
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			writeJSON(w, http.StatusMethodNotAllowed, `{}`)
			return
		}
		var raw strings.Builder
		buf := make([]byte, 4096)
		for {
			n, err := r.Body.Read(buf)
			raw.Write(buf[:n])
			if err != nil {
				break
			}
		}
		mu.Lock()
		bodies = append(bodies, raw.String())
		mu.Unlock()
		writeJSON(w, http.StatusOK, dataBody())
	})
	c := newTestClient(t, srv.URL)
	if _, err := c.ListConversations(testContext(t), ConversationsQuery{
		AgentID: "agt_1", StartDate: "2026-01-01", EndDate: "2026-01-31", FilteredSources: []string{"API", "WhatsApp"}, PageSize: 25,
	}); err != nil {
		t.Fatalf("ListConversations: %v", err)
	}
	reqs := srv.Recorded()
	if len(reqs) != 2 || reqs[1].Method != http.MethodPost {
		t.Fatalf("requests = %v, want GET then POST", methods(srv))
	}
	post := reqs[1]
	if ct := post.Header.Get("Content-Type"); ct != "application/json" {
		t.Errorf("Content-Type = %q", ct)
	}
	if got := post.Header.Get("Authorization"); got != "Bearer "+testAPIKey {
		t.Errorf("the POST carries no key")
	}
	q := mustQuery(t, post)
	// Strings as in the query; page and size as JSON numbers.
	want := `{"agentId":"agt_1","chatbotId":"agt_1","endDate":"2026-01-31","filteredSources":"API,WhatsApp","page":1,"size":25,"startDate":"2026-01-01"}`
	if len(bodies) != 1 || bodies[0] != want {
		t.Errorf("body = %v, want %s", bodies, want)
	}
	for name, v := range map[string]string{"agentId": "agt_1", "chatbotId": "agt_1", "startDate": "2026-01-01", "endDate": "2026-01-31", "filteredSources": "API,WhatsApp", "page": "1", "size": "25"} {
		if q.Get(name) != v {
			t.Errorf("query %s = %q, want %q", name, q.Get(name), v)
		}
	}
}

// The client remembers that a path takes POST: later reads, and pages read
// ahead, go straight to POST; another path of the same server is still
// asked with GET.
func TestPOSTIsRememberedPerPathForTheClientsLife(t *testing.T) {
	leads := postOnlyServer(t, seq(40))
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if strings.HasSuffix(r.URL.Path, "/get-chatbots") {
			if r.Method != http.MethodGet {
				writeJSON(w, http.StatusMethodNotAllowed, `{}`)
				return
			}
			writeJSON(w, http.StatusOK, `{"chatbots":[{"chatbot_id":"a1"}]}`)
			return
		}
		leads.Config.Handler.ServeHTTP(w, r)
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxConcurrentRequests = 4 })
	for range 3 {
		res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 5})
		if err != nil {
			t.Fatalf("ListLeads: %v", err)
		}
		if len(res.Items) != 40 {
			t.Fatalf("got %d leads, want 40", len(res.Items))
		}
	}
	if _, err := readAll(testContext(t), c, Agents, Query{}); err != nil {
		t.Fatalf("agents: %v", err)
	}
	var leadGETs, agentPOSTs int
	for _, r := range srv.Recorded() {
		switch {
		case strings.HasSuffix(r.URL.Path, "/get-leads") && r.Method == http.MethodGet:
			leadGETs++
		case strings.HasSuffix(r.URL.Path, "/get-chatbots") && r.Method != http.MethodGet:
			agentPOSTs++
		}
	}
	if leadGETs != 1 || methods(leads)[0] != "GET 1" {
		t.Errorf("get-leads requests = %v, want one GET (the first) and POST ever after", methods(leads))
	}
	if agentPOSTs != 0 {
		t.Errorf("get-chatbots was asked with POST %d times; it answers GET", agentPOSTs)
	}
}

func TestAgentsFallBackToPOSTToo(t *testing.T) {
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodPost {
			writeJSON(w, http.StatusMethodNotAllowed, `{}`)
			return
		}
		page, _ := strconv.Atoi(r.URL.Query().Get("page"))
		if page == 1 {
			writeJSON(w, http.StatusOK, `{"chatbots":[{"chatbot_id":"a1"},{"chatbot_id":"a2"}]}`)
			return
		}
		writeJSON(w, http.StatusOK, `{"chatbots":[]}`)
	})
	c := newTestClient(t, srv.URL)
	res, err := readAll(testContext(t), c, Agents, Query{})
	if err != nil {
		t.Fatalf("agents: %v", err)
	}
	if len(res.Items) != 2 {
		t.Fatalf("got %d agents, want 2", len(res.Items))
	}
	if got, want := methods(srv), []string{"GET 1", "POST 1", "POST 2"}; !slices.Equal(got, want) {
		t.Fatalf("requests = %v, want %v", got, want)
	}
}

func TestAnswered405ToBothMethodsIsOneErrorNamingBothAndThePath(t *testing.T) {
	srv := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusMethodNotAllowed, `{"message":"Method not allowed"}`)
	})
	c := newTestClient(t, srv.URL)
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var methodErr *MethodError
	if !errors.As(err, &methodErr) {
		t.Fatalf("err = %v (%T), want a *MethodError", err, err)
	}
	for _, want := range []string{"GET", "POST", "get-leads", "405"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not name %s", err, want)
		}
	}
	var explained ExplainedError
	if !errors.As(err, &explained) || !strings.Contains(explained.Summary(), "GET and POST") || !strings.Contains(explained.Fix(), "base_url") {
		t.Errorf("the error does not explain itself: %v", err)
	}
	// Neither 405 is retried: one GET, one POST.
	if got, want := methods(srv), []string{"GET 1", "POST 1"}; !slices.Equal(got, want) {
		t.Fatalf("requests = %v, want %v", got, want)
	}
}

// The emulator taking POST only (its body read, its query ignored): every
// list reads whole, its window of days and sources sent in the body.
func TestEveryListReadsFromAnEmulatorThatTakesPOSTOnly(t *testing.T) {
	seeded := emulator.SeedLeads("agt_sales", 57)
	conversations := emulator.SeedConversations("agt_sales", 30)
	emu, base := startEmulator(t, emulator.Options{
		Method:        emulator.MethodPOST,
		Leads:         map[string][]emulator.Lead{"agt_sales": seeded, "agt_other": nil},
		Conversations: map[string][]emulator.Conversation{"agt_sales": conversations},
		MaxPageSize:   10,
	})
	c := emulatorClient(t, base)
	leads, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_sales", PageSize: 10})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	assertSameLeads(t, leads.Items, newestFirst(seeded))
	convs, err := c.ListConversations(testContext(t), ConversationsQuery{AgentID: "agt_sales", PageSize: 10, FilteredSources: []string{"WhatsApp"}})
	if err != nil {
		t.Fatalf("ListConversations: %v", err)
	}
	var whatsApp int
	for _, conv := range conversations {
		if conv.Source != nil && *conv.Source == "WhatsApp" {
			whatsApp++
		}
	}
	if len(convs.Items) != whatsApp || whatsApp == 0 {
		t.Errorf("got %d WhatsApp conversations, want %d (and some)", len(convs.Items), whatsApp)
	}
	agents, err := readAll(testContext(t), c, Agents, Query{})
	if err != nil {
		t.Fatalf("agents: %v", err)
	}
	if len(agents.Items) != 2 {
		t.Errorf("got %d agents, want 2", len(agents.Items))
	}
	// Each path was asked with GET once, on page 1, and never again.
	gets := map[string]int{}
	for i, m := range emu.Methods() {
		if m == http.MethodGet {
			if p := emu.Queries()[i].Get("page"); p != "1" {
				t.Errorf("request %d: GET of page %s after the path was known to take POST", i+1, p)
			}
			gets[emu.Queries()[i].Get("page")]++
		}
	}
	if gets["1"] != 3 {
		t.Errorf("GETs of page 1: %d, want 3 (one per path)", gets["1"])
	}
}

func TestEmulatorAnswering405ToBothIsAMethodError(t *testing.T) {
	_, base := startEmulator(t, emulator.Options{Method: emulator.MethodNone, Leads: map[string][]emulator.Lead{"agt_1": nil}})
	_, err := emulatorClient(t, base).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var methodErr *MethodError
	if !errors.As(err, &methodErr) || methodErr.Path != "get-leads" {
		t.Fatalf("err = %v, want a MethodError for get-leads", err)
	}
}
