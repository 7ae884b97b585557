package provider

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// agentLeads and teamAgents are reads as the declarations of leads and
// agents describe them, against a base_url that is not the default.
var (
	agentLeads = leads.subject(listRequest{agentID: "agt_x"}, &providerData{baseURL: "https://eu.example.com/api/v1"})
	teamAgents = agents.subject(listRequest{}, &providerData{baseURL: "https://eu.example.com/api/v1"})
)

func TestDescribeReadError(t *testing.T) {
	t.Parallel()
	onPage := func(page int, err error) error { return &client.PageError{Path: "get-leads", Page: page, Err: err} }
	cases := []struct {
		name string
		err  error
		want []string // in summary + detail
	}{
		{"401", onPage(1, &client.APIError{StatusCode: 401, Message: "Unauthorized", Attempts: 1}),
			[]string{"rejected the API key", "401", "CHATZURI_API_KEY", "api_key"}},
		{"404", onPage(1, &client.APIError{StatusCode: 404, Attempts: 1}),
			[]string{"agent not found, or base_url is not the Chatzuri API", `"agt_x"`, "agent_id", "base_url", "/api/v1", "CHATZURI_BASE_URL"}},
		{"400", onPage(1, &client.APIError{StatusCode: 400, Message: "Invalid startDate", Attempts: 1}),
			[]string{"refused", "Invalid startDate", "start_date", "end_date"}},
		{"429 after retries", onPage(3, &client.APIError{StatusCode: 429, Attempts: 5}),
			[]string{"Rate limited", "page 3", "after 5 tries", "max_retries", "max_concurrent_requests"}},
		{"500 after retries", onPage(2, &client.APIError{StatusCode: 500, Attempts: 5}),
			[]string{"server error", "page 2", "500", "after 5 tries", "max_retries"}},
		{"503 after retries", onPage(7, &client.APIError{StatusCode: 503, Attempts: 5}),
			[]string{"server error", "page 7", "503", "after 5 tries"}},
		{"timeout", onPage(2, &client.TransportError{Attempts: 5, Err: context.DeadlineExceeded, TryTimeout: 45 * time.Second}),
			[]string{"timed out", "page 2", "after 5 tries", "request_timeout (45s)"}},
		{"body cut off", onPage(3, &client.TransportError{Attempts: 2, Err: errors.New("the response body was cut off after 20 bytes: unexpected EOF"), Fault: client.FaultRead}),
			[]string{"response was cut off", "page 3", "after 2 tries", "max_retries"}},
		{"connection refused", onPage(1, &client.TransportError{Attempts: 5, Err: errors.New("dial tcp: connection refused")}),
			[]string{"Could not reach", "connection refused", "base_url"}},
		{"nothing listening on loopback", onPage(1, &client.TransportError{Attempts: 1, Err: &client.NotListeningError{
			Origin: "http://127.0.0.1:8080", Address: "127.0.0.1:8080", Err: errors.New("dial tcp: connection refused")}}),
			[]string{"Nothing is listening at base_url", "nothing is listening at http://127.0.0.1:8080", "go run ./cmd/chatzuri-emulator -addr 127.0.0.1:8080", "demo-key"}},
		{"405 to GET and POST", onPage(1, &client.MethodError{Path: "get-leads"}),
			[]string{"Chatzuri refused both GET and POST", "page 1", "405", "GET and POST of get-leads", "base_url", "/api/v1", "troubleshooting"}},
		{"not JSON on any try", onPage(5, &client.ResponseError{Attempts: 2, Err: errors.New("the response is not valid JSON: it ends after 20 bytes"), Fault: client.FaultCutShort}),
			[]string{"Unexpected response", "page 5", "not valid JSON on any try", "cut short"}},
		{"unusable body", onPage(4, &client.ResponseError{Attempts: 1, Err: errors.New("the response is an HTML page")}),
			[]string{"Unexpected response", "page 4", "HTML"}},
		{"cancelled", onPage(9, fmt.Errorf("waiting: %w", context.Canceled)),
			[]string{"cancelled", `"agt_x"`}},
		{"redirect to another origin", onPage(1, &client.RedirectError{From: "https://www.chatzuri.com:443", To: "http://www.chatzuri.com:80", StatusCode: 307, Attempts: 1}),
			[]string{"base_url redirects to another origin", "page 1", "https://www.chatzuri.com:443", "http://www.chatzuri.com:80", "307", "Set base_url to the URL the API really serves"}},
		{"redirect loop", onPage(1, &client.RedirectError{From: "https://www.chatzuri.com:443", To: "https://www.chatzuri.com:443", StatusCode: 302, Loop: true, Attempts: 1}),
			[]string{"base_url redirects in a loop", "Set base_url"}},
		{"proxy 407", onPage(1, &client.ProxyError{Proxy: "http://proxy.corp:3128", Target: "https://www.chatzuri.com:443", StatusCode: 407, Attempts: 1}),
			[]string{"proxy requires authentication", "http://proxy.corp:3128", "407 Proxy Authentication Required", "HTTPS_PROXY", "NO_PROXY"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			summary, detail := describeReadError(tc.err, agentLeads)
			text := summary + "\n" + detail
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("diagnostic does not mention %q:\n%s", w, text)
				}
			}
		})
	}
}

// A whole body that is not valid JSON was not retried: the diagnostic must
// not blame a cut, nor suggest that running again would help.
func TestDescribeReadErrorOfACompleteBodyThatIsNotJSON(t *testing.T) {
	t.Parallel()
	err := &client.PageError{Path: "get-leads", Page: 5, Err: &client.ResponseError{
		Attempts: 1, Err: errors.New("the response is not valid JSON: nested deeper than the decoder allows"), Fault: client.FaultInvalidJSON}}
	summary, detail := describeReadError(err, agentLeads)
	text := summary + "\n" + detail
	for _, w := range []string{"Unexpected response", "page 5", "nested deeper", "not valid JSON, so it was not tried again", "base_url"} {
		if !strings.Contains(text, w) {
			t.Errorf("diagnostic does not mention %q:\n%s", w, text)
		}
	}
	for _, w := range []string{"cut short", "run again"} {
		if strings.Contains(text, w) {
			t.Errorf("diagnostic mentions %q:\n%s", w, text)
		}
	}
}

// A list of the whole team names no agent: its messages say "the team's
// agents", never agent "", and a 404 points at base_url, not agent_id.
func TestDescribeReadErrorOfATeamList(t *testing.T) {
	t.Parallel()
	onPage := func(err error) error { return &client.PageError{Path: "get-chatbots", Page: 1, Err: err} }
	cases := []struct {
		name      string
		err       error
		want, not []string
	}{
		{"404", onPage(&client.APIError{StatusCode: 404, Message: "Not found", Attempts: 1}),
			[]string{"not found at base_url", "get-chatbots", "base_url", "CHATZURI_BASE_URL", "/api/v1"}, []string{"agent_id", "no agent \""}},
		{"400", onPage(&client.APIError{StatusCode: 400, Attempts: 1}),
			[]string{"refused", "the team's agents", "base_url"}, []string{"start_date"}},
		{"401", onPage(&client.APIError{StatusCode: 401, Attempts: 1}),
			[]string{"rejected the API key", "CHATZURI_API_KEY"}, nil},
		{"cancelled", onPage(fmt.Errorf("waiting: %w", context.Canceled)),
			[]string{"cancelled", "the read of the team's agents"}, nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			summary, detail := describeReadError(tc.err, teamAgents)
			text := summary + "\n" + detail
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("diagnostic does not mention %q:\n%s", w, text)
				}
			}
			for _, w := range append(tc.not, `agent ""`) {
				if strings.Contains(text, w) {
					t.Errorf("diagnostic mentions %q:\n%s", w, text)
				}
			}
		})
	}

	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-ctx.Done()
	summary, detail := describeFailedRead(ctx, onPage(context.DeadlineExceeded), teamAgents, time.Minute)
	text := summary + "\n" + detail
	if !containsAll(text, "Reading agents ran out of time", "Reading the team's agents did not finish within the read timeout of 1m0s", "timeouts.read") ||
		strings.Contains(text, "start_date") || strings.Contains(text, "max_agents") {
		t.Errorf("timeout diagnostic:\n%s", text)
	}
	// Nothing narrows the team's list: raising the timeout is the one way.
	if !strings.HasSuffix(detail, "Raise timeouts.read on the data source (it defaults to 20m0s).") {
		t.Errorf("timeout detail = %q, want it to end with raising timeouts.read and nothing else", detail)
	}
	limited := teamAgents
	limited.limitArgument = "max_agents"
	if summary, detail := cutListWarning(limited, 5); !strings.HasPrefix(detail, "The team has more than 5 agents") || !strings.HasSuffix(detail, "read every agent.") {
		t.Errorf("cut warning = %q, %q", summary, detail)
	}
}

// With the default base_url, a 404 of an agent's list can only mean the
// agent: the headline says so and nothing points at base_url.
func TestDescribeReadErrorOf404AtTheDefaultBaseURL(t *testing.T) {
	t.Parallel()
	s := leads.subject(listRequest{agentID: "agt_x"}, &providerData{baseURL: client.DefaultBaseURL})
	summary, detail := describeReadError(&client.PageError{Path: "get-leads", Page: 1, Err: &client.APIError{StatusCode: 404, Attempts: 1}}, s)
	if summary != "Chatzuri agent not found" || !containsAll(detail, `"agt_x"`, "agent_id") || strings.Contains(detail, "base_url") {
		t.Errorf("404 at the default base_url:\n%s\n%s", summary, detail)
	}
}

// Every message takes its words from the declaration: a list's timeout names
// its own limit argument and narrowing, its cut warning its own item.
func TestReadMessagesComeFromTheDeclaration(t *testing.T) {
	t.Parallel()
	ctx, cancel := context.WithTimeout(context.Background(), 0)
	defer cancel()
	<-ctx.Done()
	s := conversations.subject(listRequest{agentID: "agt_x"}, &providerData{baseURL: client.DefaultBaseURL})
	_, detail := describeFailedRead(ctx, context.DeadlineExceeded, s, time.Minute)
	if !strings.HasSuffix(detail, "narrow the read with start_date and end_date (one data source per month, with for_each over the months), or set max_conversations.") {
		t.Errorf("timeout detail = %q", detail)
	}
	summary, detail := cutListWarning(s, 3)
	if summary != "Conversations list cut to max_conversations" || !containsAll(detail, `Agent "agt_x" has more than 3 conversations`, "read every conversation.") {
		t.Errorf("cut warning = %q, %q", summary, detail)
	}
}
