package client

import (
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func TestClientErrorStatusIsAnAPIErrorWithTheAPIsMessageAndNoRetry(t *testing.T) {
	for _, tc := range []struct {
		status  int
		message string
	}{
		{http.StatusBadRequest, "Invalid startDate"},
		{http.StatusUnauthorized, "Unauthorized"},
		{http.StatusForbidden, "Forbidden"},
		{http.StatusNotFound, "Agent not found"},
	} {
		t.Run(fmt.Sprint(tc.status), func(t *testing.T) {
			srv := newRecordingServer(t, reply(tc.status, `{"message":"`+tc.message+`"}`))
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("ListLeads = %+v, %v; want an *APIError", res, err)
			}
			if apiErr.StatusCode != tc.status || apiErr.Message != tc.message || apiErr.Attempts != 1 {
				t.Errorf("APIError = %+v, want status %d, message %q, 1 attempt", apiErr, tc.status, tc.message)
			}
			if srv.Requests() != 1 {
				t.Errorf("server got %d requests, want 1: a %d is not retried", srv.Requests(), tc.status)
			}
			if !strings.Contains(err.Error(), fmt.Sprint(tc.status)) || !strings.Contains(err.Error(), tc.message) {
				t.Errorf("error %q does not show the status and the API's message", err)
			}
		})
	}
}

func TestAPIErrorReadsTheErrorKeyWhenThereIsNoMessage(t *testing.T) {
	srv := newRecordingServer(t, reply(http.StatusBadRequest, `{"error":"bad size"}`))
	c := newTestClient(t, srv.URL)
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.Message != "bad size" {
		t.Fatalf("error = %v, want an *APIError with message \"bad size\"", err)
	}
}

func TestAPIErrorDoesNotQuoteABodyThatIsNotTheAPIsJSON(t *testing.T) {
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html")
		w.WriteHeader(http.StatusNotFound)
		fmt.Fprint(w, "<html>nginx "+secretValue+"</html>")
	})
	c := newTestClient(t, srv.URL)
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotFound {
		t.Fatalf("error = %v, want a 404 *APIError", err)
	}
	// An HTML page is named as such, never quoted.
	if strings.Contains(err.Error(), "S3CR3T") || strings.Contains(err.Error(), "nginx") {
		t.Errorf("error %q quotes a body that is not the API's JSON", err)
	}
	if !strings.Contains(apiErr.Message, "HTML page") {
		t.Errorf("message %q does not say the body was an HTML page", apiErr.Message)
	}
}

func TestServerErrorStatusIsRetriedMaxRetriesTimesThenAnAPIError(t *testing.T) {
	for _, status := range []int{
		http.StatusInternalServerError,
		http.StatusBadGateway,
		http.StatusServiceUnavailable,
		http.StatusGatewayTimeout,
		http.StatusTooManyRequests,
	} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newRecordingServer(t, reply(status, `{"message":"try later"}`))
			c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
			_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v (%T) is not an *APIError", err, err)
			}
			if apiErr.StatusCode != status || apiErr.Attempts != 4 || apiErr.Message != "try later" {
				t.Errorf("APIError = %+v, want status %d, 4 attempts, message \"try later\"", apiErr, status)
			}
			if srv.Requests() != 4 {
				t.Errorf("server got %d requests, want MaxRetries+1 = 4", srv.Requests())
			}
			if !strings.Contains(err.Error(), "after 4 tries") {
				t.Errorf("error %q does not say how many tries were made", err)
			}
		})
	}
}

func TestServerErrorSucceedsWhenALaterTryIsGood(t *testing.T) {
	srv := sequenceServer(t,
		reply(http.StatusServiceUnavailable, `{"message":"busy"}`),
		reply(http.StatusTooManyRequests, `{"message":"slow down"}`),
		reply(http.StatusOK, dataBody("1", "2")),
		reply(http.StatusOK, dataBody()),
	)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := idsOf(res.Items); !slices.Equal(got, []string{"1", "2"}) {
		t.Errorf("ids = %q, want [1 2]", got)
	}
	if srv.Requests() != 4 {
		t.Errorf("server got %d requests, want 4", srv.Requests())
	}
}

func TestNotImplementedIsNotRetried(t *testing.T) {
	srv := newRecordingServer(t, reply(http.StatusNotImplemented, `{"message":"no"}`))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 3 })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusNotImplemented || apiErr.Attempts != 1 {
		t.Fatalf("error = %v, want a 501 *APIError after 1 attempt", err)
	}
	if srv.Requests() != 1 {
		t.Errorf("server got %d requests, want 1", srv.Requests())
	}
}

func TestMaxRetriesZeroMakesExactlyOneRequest(t *testing.T) {
	srv := newRecordingServer(t, reply(http.StatusInternalServerError, `{"message":"boom"}`))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 0 })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusInternalServerError || apiErr.Attempts != 1 {
		t.Fatalf("error = %v, want a 500 *APIError after 1 attempt", err)
	}
	if srv.Requests() != 1 {
		t.Errorf("server got %d requests, want exactly 1", srv.Requests())
	}
}

func TestFailureOnPageThreeFailsTheWholeListingWithAPageError(t *testing.T) {
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		switch r.URL.Query().Get("page") {
		case "1":
			writeJSON(w, http.StatusOK, dataBody("1", "2"))
		case "2":
			writeJSON(w, http.StatusOK, dataBody("3", "4"))
		default:
			writeJSON(w, http.StatusInternalServerError, `{"message":"boom"}`)
		}
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 1 })
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1", PageSize: 2})
	if err == nil {
		t.Fatalf("ListLeads returned %d leads and no error, want an error", len(res.Items))
	}
	if res != nil {
		t.Errorf("result = %d leads, want nil: no partial result", len(res.Items))
	}
	var pageErr *PageError
	if !errors.As(err, &pageErr) {
		t.Fatalf("error %v (%T) is not a *PageError", err, err)
	}
	if pageErr.Page != 3 || pageErr.Path != "get-leads" {
		t.Errorf("PageError names page %d of %q, want page 3 of get-leads", pageErr.Page, pageErr.Path)
	}
	if !strings.Contains(err.Error(), "page 3") {
		t.Errorf("error %q does not name page 3", err)
	}
	var apiErr *APIError
	if !errors.As(err, &apiErr) || apiErr.StatusCode != http.StatusInternalServerError || apiErr.Attempts != 2 {
		t.Errorf("error %v does not wrap the 500 *APIError after 2 attempts", err)
	}
}

func TestAPIKeyEchoedInAnErrorMessageIsRedacted(t *testing.T) {
	for _, status := range []int{http.StatusUnauthorized, http.StatusInternalServerError} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
				writeJSON(w, status, fmt.Sprintf(`{"message":"API key %s is not valid (header was '%s')"}`, testAPIKey, r.Header.Get("Authorization")))
			})
			c := newTestClient(t, srv.URL)
			_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v (%T) is not an *APIError", err, err)
			}
			if strings.Contains(err.Error(), testAPIKey) || strings.Contains(apiErr.Message, testAPIKey) {
				t.Errorf("error %q shows the API key", err)
			}
			if !strings.Contains(apiErr.Message, "(redacted)") {
				t.Errorf("message %q does not show where the key was removed", apiErr.Message)
			}
		})
	}
}

// A refusal by a host that is not loopback may be a server restarting: it
// is retried (a loopback one is not: refused_test.go).
func TestConnectionRefusedIsARetriedTransportError(t *testing.T) {
	refusing := &refusingTransport{}
	c := newTestClient(t, "https://api.chatzuri.invalid/api/v1", func(cfg *Config) {
		cfg.MaxRetries = 2
		cfg.Transport = refusing
	})
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var netErr *TransportError
	if !errors.As(err, &netErr) {
		t.Fatalf("error %v (%T) is not a *TransportError", err, err)
	}
	if netErr.Attempts != 3 {
		t.Errorf("attempts = %d, want MaxRetries+1 = 3", netErr.Attempts)
	}
	if netErr.Timeout() {
		t.Error("Timeout() = true for a refused connection, want false")
	}
	var opErr *net.OpError
	if !errors.As(err, &opErr) {
		t.Errorf("error %v does not wrap the dial error", err)
	}
}

// hangUp answers by closing the connection without a response.
func hangUp(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, _, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		conn.Close()
	}
}

func TestConnectionClosedWithoutAResponseIsARetriedTransportError(t *testing.T) {
	srv := newRecordingServer(t, hangUp(t))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var netErr *TransportError
	if !errors.As(err, &netErr) {
		t.Fatalf("error %v (%T) is not a *TransportError", err, err)
	}
	if netErr.Attempts != 3 || srv.Requests() != 3 {
		t.Errorf("attempts = %d, requests = %d; want 3 and 3", netErr.Attempts, srv.Requests())
	}
}

func TestConnectionClosedSucceedsWhenTheNextTryIsGood(t *testing.T) {
	srv := sequenceServer(t, hangUp(t), reply(http.StatusOK, dataBody("1")), reply(http.StatusOK, dataBody()))
	c := newTestClient(t, srv.URL)
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err != nil {
		t.Fatalf("ListLeads: %v", err)
	}
	if got := idsOf(res.Items); !slices.Equal(got, []string{"1"}) {
		t.Errorf("ids = %q, want [1]", got)
	}
}

// shortBody declares a Content-Length larger than the body it writes.
func shortBody(w http.ResponseWriter, _ *http.Request) {
	body := `{"data":[{"id":1,"name":"cut`
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Content-Length", fmt.Sprint(len(body)+500))
	w.WriteHeader(http.StatusOK)
	fmt.Fprint(w, body)
}

// cutMidBody sends headers and half a body, then closes the connection.
func cutMidBody(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		conn, buf, err := http.NewResponseController(w).Hijack()
		if err != nil {
			t.Errorf("hijack: %v", err)
			return
		}
		defer conn.Close()
		fmt.Fprint(buf, "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 400\r\n\r\n{\"data\":[{\"id\":1,")
		buf.Flush()
	}
}

func TestBodyCutOffMidwayIsRetriedAndSucceedsWhenTheNextTryIsGood(t *testing.T) {
	for _, tc := range []struct {
		name string
		cut  http.HandlerFunc
	}{
		{"content-length longer than the body", shortBody},
		{"connection closed mid-body", cutMidBody(t)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := sequenceServer(t, tc.cut, reply(http.StatusOK, dataBody("1", "2")), reply(http.StatusOK, dataBody()))
			c := newTestClient(t, srv.URL)
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			if err != nil {
				t.Fatalf("ListLeads: %v", err)
			}
			if got := idsOf(res.Items); !slices.Equal(got, []string{"1", "2"}) {
				t.Errorf("ids = %q, want [1 2]", got)
			}
			if srv.Requests() != 3 {
				t.Errorf("server got %d requests, want 3 (cut, retry, empty page)", srv.Requests())
			}
		})
	}
}

func TestBodyCutOffOnEveryTryIsATransportErrorAfterMaxRetries(t *testing.T) {
	srv := newRecordingServer(t, shortBody)
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err == nil {
		t.Fatalf("ListLeads returned %d leads, want an error", len(res.Items))
	}
	var netErr *TransportError
	if !errors.As(err, &netErr) || netErr.Attempts != 3 {
		t.Errorf("error %v (%T), want a *TransportError after 3 attempts", err, err)
	}
	if netErr != nil && netErr.Timeout() {
		t.Errorf("Timeout() = true for a body cut off, want false")
	}
	if srv.Requests() != 3 {
		t.Errorf("server got %d requests, want 3", srv.Requests())
	}
	if !strings.Contains(err.Error(), "cut off") {
		t.Errorf("error %q does not say the body was cut off", err)
	}
}

func TestRequestTimeoutIsATransportErrorThatSaysTimeout(t *testing.T) {
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.RequestTimeout = 50 * time.Millisecond
		cfg.MaxRetries = 1
	})
	start := time.Now()
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	elapsed := time.Since(start)
	var netErr *TransportError
	if !errors.As(err, &netErr) {
		t.Fatalf("error %v (%T) is not a *TransportError", err, err)
	}
	if !netErr.Timeout() {
		t.Errorf("Timeout() = false for %v, want true", err)
	}
	if netErr.Attempts != 2 || srv.Requests() != 2 {
		t.Errorf("attempts = %d, requests = %d; want 2 and 2: a timeout is retried", netErr.Attempts, srv.Requests())
	}
	if !strings.Contains(err.Error(), "timed out") {
		t.Errorf("error %q does not say it timed out", err)
	}
	if elapsed > 3*time.Second {
		t.Errorf("ListLeads took %v, want well under the handler's 10s block", elapsed)
	}
}

func TestRequestTimeoutWhileReadingTheBodyIsATransportErrorThatSaysTimeout(t *testing.T) {
	srv := newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		w.Header().Set("Content-Length", "4000")
		w.WriteHeader(http.StatusOK)
		fmt.Fprint(w, `{"data":[{"id":1,`)
		http.NewResponseController(w).Flush()
		select {
		case <-r.Context().Done():
		case <-time.After(10 * time.Second):
		}
	})
	c := newTestClient(t, srv.URL, func(cfg *Config) {
		cfg.RequestTimeout = 100 * time.Millisecond
		cfg.MaxRetries = 1
	})
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var netErr *TransportError
	if !errors.As(err, &netErr) {
		t.Fatalf("error %v (%T) is not a *TransportError", err, err)
	}
	if !netErr.Timeout() || !strings.Contains(err.Error(), "timed out") {
		t.Errorf("error %q: Timeout() = %v, want true and a message that says it timed out", err, netErr.Timeout())
	}
	if netErr.Attempts != 2 || srv.Requests() != 2 {
		t.Errorf("attempts = %d, requests = %d; want 2 and 2", netErr.Attempts, srv.Requests())
	}
}

// A long message is shortened for display, and the cut must not leave part
// of an echoed key behind: the key is removed before the message is cut.
func TestAPIKeyNearTheCutOfALongMessageIsRedactedWhole(t *testing.T) {
	padding := strings.Repeat("x", 290)
	srv := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusUnauthorized, fmt.Sprintf(`{"message":"%s %s"}`, padding, testAPIKey))
	})
	c := newTestClient(t, srv.URL)
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err == nil {
		t.Fatal("want an error")
	}
	if half := testAPIKey[:len(testAPIKey)/2]; strings.Contains(err.Error(), half) {
		t.Errorf("error %q shows the start of the API key", err)
	}
}

// Every error says after how many tries the client gave up, but only when
// it tried more than once: a failure on the first try says no count.
func TestErrorsSayHowManyTriesOnlyAfterMoreThanOne(t *testing.T) {
	for _, tc := range []struct {
		name string
		err  func(attempts int) error
	}{
		{"APIError", func(n int) error { return &APIError{StatusCode: http.StatusBadGateway, Attempts: n} }},
		{"TransportError", func(n int) error { return &TransportError{Err: io.ErrUnexpectedEOF, Attempts: n} }},
		{"ResponseError", func(n int) error {
			return &ResponseError{Err: errors.New("the response body is empty"), Fault: FaultEmpty, Attempts: n}
		}},
		{"ProxyError", func(n int) error {
			return &ProxyError{Proxy: "http://127.0.0.1:3128", Target: "https://127.0.0.1:443", StatusCode: http.StatusBadGateway, Attempts: n}
		}},
		{"RedirectError", func(n int) error {
			return &RedirectError{From: "https://127.0.0.1:443", To: "http://127.0.0.1:80", StatusCode: http.StatusFound, Attempts: n}
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if msg := tc.err(1).Error(); strings.Contains(msg, "tries") {
				t.Errorf("after one try: %q speaks of tries", msg)
			}
			if msg := tc.err(3).Error(); !strings.Contains(msg, " after 3 tries") {
				t.Errorf("after three tries: %q does not say \"after 3 tries\"", msg)
			}
		})
	}
}

// The API's message is quoted whole up to 300 bytes; a longer one is cut
// at a character boundary at or before byte 300 and ends with an ellipsis,
// so the quote stays valid UTF-8 however the message is written.
func TestAPIErrorMessageIsQuotedWholeUpTo300BytesThenCutBetweenCharacters(t *testing.T) {
	for _, tc := range []struct {
		name, message, want string
	}{
		{"exactly 300 bytes", strings.Repeat("x", 300), strings.Repeat("x", 300)},
		{"301 bytes", strings.Repeat("x", 301), strings.Repeat("x", 300) + "…"},
		{"a two-byte character across byte 300", strings.Repeat("x", 299) + "é and more", strings.Repeat("x", 299) + "…"},
		{"a four-byte character across byte 300", strings.Repeat("x", 297) + "🦓 and more", strings.Repeat("x", 297) + "…"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := newRecordingServer(t, reply(http.StatusBadRequest, `{"message":"`+tc.message+`"}`))
			_, err := newTestClient(t, srv.URL).ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			var apiErr *APIError
			if !errors.As(err, &apiErr) {
				t.Fatalf("error %v (%T) is not an *APIError", err, err)
			}
			if apiErr.Message != tc.want {
				t.Errorf("message = %q (%d bytes), want %q (%d bytes)", apiErr.Message, len(apiErr.Message), tc.want, len(tc.want))
			}
			if !utf8.ValidString(err.Error()) {
				t.Errorf("error %q is not valid UTF-8", err)
			}
		})
	}
}
