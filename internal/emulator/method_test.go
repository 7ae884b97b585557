package emulator

import (
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// The emulator taking POST reads the parameters from the JSON body alone,
// and refuses a body spelled otherwise than the client must spell it, so
// that a test reading from it proves the client's body.
func TestPOSTTakesItsParametersFromTheJSONBodyOnly(t *testing.T) {
	t.Parallel()
	srv := httptest.NewServer(New(Options{APIKey: "k", Method: MethodPOST, Leads: map[string][]Lead{"agt_1": SeedLeads("agt_1", 3)}}))
	t.Cleanup(srv.Close)
	for _, tc := range []struct {
		name, method, query, contentType, body string
		status                                 int
		message                                string
	}{
		{"the body names the agent", "POST", "", "application/json", `{"agentId":"agt_1","page":1,"size":2}`, http.StatusAccepted, ""},
		{"the query alone is not read", "POST", "?agentId=agt_1&page=1&size=2", "application/json", `{}`, http.StatusBadRequest, "agentId is required"},
		{"page as a string", "POST", "", "application/json", `{"agentId":"agt_1","page":"1"}`, http.StatusBadRequest, "page must be a whole JSON number"},
		{"size as a fraction", "POST", "", "application/json", `{"agentId":"agt_1","size":2.5}`, http.StatusBadRequest, "size must be a whole JSON number"},
		{"agent as a number", "POST", "", "application/json", `{"agentId":1}`, http.StatusBadRequest, "agentId must be a JSON string"},
		{"not an object", "POST", "", "application/json", `[1]`, http.StatusBadRequest, "must be a JSON object"},
		{"not JSON", "POST", "", "text/plain", `agentId=agt_1`, http.StatusUnsupportedMediaType, "application/json"},
		{"GET", "GET", "?agentId=agt_1", "", "", http.StatusMethodNotAllowed, "Method not allowed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			req, err := http.NewRequest(tc.method, srv.URL+"/api/v1/get-leads"+tc.query, strings.NewReader(tc.body))
			if err != nil {
				t.Fatal(err)
			}
			req.Header.Set("Authorization", "Bearer k")
			if tc.contentType != "" {
				req.Header.Set("Content-Type", tc.contentType)
			}
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			var body strings.Builder
			_, _ = io.Copy(&body, resp.Body)
			if resp.StatusCode != tc.status || !strings.Contains(body.String(), tc.message) {
				t.Errorf("%d %s, want %d with %q", resp.StatusCode, body.String(), tc.status, tc.message)
			}
			if tc.status == http.StatusAccepted && strings.Count(body.String(), `"id"`) != 2 {
				t.Errorf("page of size 2 = %s", body.String())
			}
		})
	}
}
