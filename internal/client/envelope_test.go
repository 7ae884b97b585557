package client

import (
	"errors"
	"fmt"
	"net/http"
	"slices"
	"strings"
	"testing"
)

// secretValue appears as a value in bodies that must never be quoted back.
const secretValue = "jane.doe+S3CR3T@example.com"

func TestEveryListed2xxStatusIsSuccess(t *testing.T) {
	for _, status := range []int{http.StatusOK, http.StatusCreated, http.StatusAccepted} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
				if r.URL.Query().Get("page") == "1" {
					writeJSON(w, status, dataBody("1", "2"))
					return
				}
				writeJSON(w, status, dataBody())
			})
			c := newTestClient(t, srv.URL)
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			if got := idsOf(res.Items); !slices.Equal(got, []string{"1", "2"}) {
				t.Errorf("ids = %q, want [1 2]", got)
			}
			if srv.Requests() != 2 {
				t.Errorf("server got %d requests, want 2 (no retry of a %d)", srv.Requests(), status)
			}
		})
	}
}

func TestEachDocumentedEnvelopeIsAccepted(t *testing.T) {
	for _, tc := range []struct {
		name string
		wrap func(list string) string
	}{
		{"data", func(l string) string { return `{"data":` + l + `}` }},
		{"collectedCustomers", func(l string) string { return `{"collectedCustomers":` + l + `}` }},
		{"collectedCustomers.data", func(l string) string { return `{"collectedCustomers":{"data":` + l + `}}` }},
		{"data beside other keys", func(l string) string { return `{"total":null,"data":` + l + `,"ok":true}` }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
				ids := map[string][]string{"1": {"11", "12"}, "2": {"13"}}[r.URL.Query().Get("page")]
				writeJSON(w, http.StatusOK, tc.wrap(leadArray(ids...)))
			})
			c := newTestClient(t, srv.URL)
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			if got := idsOf(res.Items); !slices.Equal(got, []string{"11", "12", "13"}) {
				t.Errorf("ids = %q, want [11 12 13]", got)
			}
			if res.Items[0].Name == nil || *res.Items[0].Name != "Lead 11" {
				t.Errorf("first lead's name = %s, want \"Lead 11\"", str(res.Items[0].Name))
			}
		})
	}
}

func TestNullListIsAnEmptyPage(t *testing.T) {
	for _, body := range []string{
		`{"data":null}`,
		`{"collectedCustomers":null}`,
		`{"collectedCustomers":{"data":null}}`,
		`{"data":[]}`,
	} {
		t.Run(body, func(t *testing.T) {
			srv := newRecordingServer(t, reply(http.StatusOK, body))
			c := newTestClient(t, srv.URL)
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			if res.Items == nil || len(res.Items) != 0 {
				t.Errorf("items = %#v, want an empty, non-nil list", res.Items)
			}
			if res.Truncated {
				t.Error("Truncated = true, want false")
			}
			if srv.Requests() != 1 || res.Pages != 1 {
				t.Errorf("requests = %d, pages = %d; want 1 and 1", srv.Requests(), res.Pages)
			}
		})
	}
}

func TestUnusableBodyIsAResponseErrorThatSaysWhatArrivedWithoutQuotingIt(t *testing.T) {
	for _, tc := range []struct {
		name, body string
		// says is a phrase the error must contain.
		says string
	}{
		{"JSON array", `[{"id":1,"email":"` + secretValue + `"}]`, "JSON array"},
		{"HTML page", `<html><body>502 Bad Gateway ` + secretValue + `</body></html>`, "HTML"},
		{"plain text", secretValue + ` is not JSON`, "not JSON"},
		{"JSON string", `"` + secretValue + `"`, "JSON string"},
		{"empty body", ``, "empty"},
		{"whitespace body", " \n\t ", "empty"},
		{"object without a list key", `{"leads":[{"id":1,"email":"` + secretValue + `"}]}`, `"leads"`},
		{"empty object", `{}`, "no list"},
		{"data is a string", `{"data":"` + secretValue + `"}`, `"data" is a JSON string`},
		{"data is a number", `{"data":42}`, `"data" is a JSON number`},
		{"data is the number 0", `{"data":0}`, `"data" is a JSON number`},
		{"data is an object without a list", `{"data":{"email":"` + secretValue + `"}}`, `without a "data" list`},
		{"collectedCustomers object without data", `{"collectedCustomers":{"rows":["` + secretValue + `"]}}`, `without a "data" list`},
		{"collectedCustomers.data is a string", `{"collectedCustomers":{"data":"` + secretValue + `"}}`, `"collectedCustomers.data" is a JSON string`},
		{"lead that is not an object", `{"data":["` + secretValue + `"]}`, "not usable"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecordingServer(t, reply(http.StatusOK, tc.body))
			c := newTestClient(t, srv.URL)
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			if err == nil {
				t.Fatalf("ListLeads succeeded with %d leads, want an error", len(res.Items))
			}
			if res != nil {
				t.Errorf("result = %+v, want nil alongside the error", res)
			}
			var respErr *ResponseError
			if !errors.As(err, &respErr) {
				t.Fatalf("error %q (%T) is not a *ResponseError", err, err)
			}
			if !strings.Contains(err.Error(), tc.says) {
				t.Errorf("error %q does not say %q", err, tc.says)
			}
			if strings.Contains(err.Error(), "S3CR3T") {
				t.Errorf("error %q quotes a value from the body", err)
			}
			if srv.Requests() != 1 {
				t.Errorf("server got %d requests, want 1: a body of the wrong shape is not retried", srv.Requests())
			}
		})
	}
}

// An envelope without a list names the keys it has, sorted, up to eight,
// and says when there were more.
func TestBodyWithoutAListNamesUpToEightOfItsKeys(t *testing.T) {
	for _, tc := range []struct {
		name, body, names string
	}{
		{"eight keys", `{"h":1,"g":1,"f":1,"e":1,"d":1,"c":1,"b":1,"a":1}`, `got keys "a", "b", "c", "d", "e", "f", "g", "h"`},
		{"nine keys", `{"i":1,"h":1,"g":1,"f":1,"e":1,"d":1,"c":1,"b":1,"a":1}`, `got keys "a", "b", "c", "d", "e", "f", "g", "h", "…"`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecordingServer(t, reply(http.StatusOK, tc.body))
			_, err := newTestClient(t, srv.URL).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			if err == nil || !strings.HasSuffix(err.Error(), tc.names) {
				t.Errorf("error %v does not end %s", err, tc.names)
			}
		})
	}
}

// Only a 2xx answer is a page: a 300 with a list in its body is an API
// error (net/http follows the redirects among the 3xx, never a 300).
func TestAnswerPast2xxIsAnAPIErrorEvenWithAListInItsBody(t *testing.T) {
	srv := newRecordingServer(t, reply(http.StatusMultipleChoices, dataBody("1", "2")))
	res, err := newTestClient(t, srv.URL).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusMultipleChoices {
		t.Fatalf("ListLeads = %+v, %v; want a 300 *APIError", res, err)
	}
}

func TestMalformedJSONIsRetriedThenAResponseError(t *testing.T) {
	srv := newRecordingServer(t, reply(http.StatusOK, `{"data":[{"id":1,"email":"`+secretValue+`"`))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var respErr *ResponseError
	if !errors.As(err, &respErr) {
		t.Fatalf("error %v (%T) is not a *ResponseError", err, err)
	}
	if respErr.Attempts != 3 || srv.Requests() != 3 {
		t.Errorf("attempts = %d, requests = %d; want 3 and 3", respErr.Attempts, srv.Requests())
	}
	if strings.Contains(err.Error(), "S3CR3T") {
		t.Errorf("error %q quotes a value from the body", err)
	}
}

func TestMalformedJSONSucceedsWhenTheNextTryIsGood(t *testing.T) {
	srv := sequenceServer(t,
		reply(http.StatusOK, `{"data":[{"id":1`),
		reply(http.StatusOK, dataBody("1")),
		reply(http.StatusOK, dataBody()),
	)
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := idsOf(res.Items); !slices.Equal(got, []string{"1"}) {
		t.Errorf("ids = %q, want [1]", got)
	}
}

// MaxBodyBytes is the largest body read, not the first refused.
func TestBodyOfExactlyMaxBodyBytesIsRead(t *testing.T) {
	body := dataBody(seq(50)...)
	srv := newRecordingServer(t, reply(http.StatusOK, body))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxBodyBytes = int64(len(body)) })
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("a body of exactly MaxBodyBytes (%d) was refused: %v", len(body), err)
	}
	if got := idsOf(res.Items); !slices.Equal(got, seq(50)) {
		t.Errorf("ids = %q, want %q", got, seq(50))
	}
}

func TestBodyLargerThanMaxBodyBytesIsAResponseErrorWithoutRetry(t *testing.T) {
	srv := newRecordingServer(t, reply(http.StatusOK, dataBody(seq(50)...)))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxBodyBytes = 100 })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var respErr *ResponseError
	if !errors.As(err, &respErr) {
		t.Fatalf("error %v (%T) is not a *ResponseError", err, err)
	}
	if !strings.Contains(err.Error(), "larger than 100 bytes") {
		t.Errorf("error %q does not name the size bound", err)
	}
	if srv.Requests() != 1 {
		t.Errorf("server got %d requests, want 1", srv.Requests())
	}
}
