package client

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// testAPIKey is the key every test client sends.
const testAPIKey = "sk-test-4f9c2a7e"

// testTimeout bounds every wait of a test on the client, the gate or a
// retry (testContext): a wait that never ends, such as a Retry-After whose
// cap was lost, fails the test with the context's error in seconds, rather
// than at the package's timeout. t.Context() has no deadline.
const testTimeout = 10 * time.Second

// testContext is t's context with testTimeout as its deadline.
func testContext(t testing.TB) context.Context {
	ctx, cancel := context.WithTimeout(t.Context(), testTimeout)
	t.Cleanup(cancel)
	return ctx
}

// fastConfig is a client configuration whose waits are milliseconds, so that
// retry tests run fast. It reads one page after another, so tests can count
// and order requests exactly; concurrent_test.go covers the window.
func fastConfig(baseURL string) Config {
	return Config{
		MaxConcurrentRequests: 1,
		BaseURL:               baseURL,
		APIKey:                testAPIKey,
		UserAgent:             "chatzuri-client-test/1.0",
		MaxRetries:            2,
		RequestTimeout:        5 * time.Second,
		RetryWaitMin:          time.Millisecond,
		RetryWaitMax:          5 * time.Millisecond,
		RetryAfterMax:         10 * time.Millisecond,
	}
}

// newTestClient builds a client for baseURL from fastConfig, changed by edit.
func newTestClient(t *testing.T, baseURL string, edit ...func(*Config)) *Client {
	t.Helper()
	cfg := fastConfig(baseURL)
	for _, e := range edit {
		e(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c
}

// recordingServer is an httptest server on 127.0.0.1 that counts and records
// the requests it answers.
type recordingServer struct {
	*httptest.Server
	count atomic.Int64

	mu       sync.Mutex
	requests []*http.Request
}

// newRecordingServer starts a server that hands every request to h after
// recording it. The server is closed when the test ends.
func newRecordingServer(t *testing.T, h http.HandlerFunc) *recordingServer {
	t.Helper()
	s := &recordingServer{}
	s.Server = httptest.NewServer(s.recording(h))
	t.Cleanup(s.Close)
	return s
}

// newRecordingTLSServer is newRecordingServer over TLS, with httptest's
// certificate for 127.0.0.1; trustingTransport trusts it.
func newRecordingTLSServer(t *testing.T, h http.HandlerFunc) *recordingServer {
	t.Helper()
	s := &recordingServer{}
	s.Server = httptest.NewTLSServer(s.recording(h))
	t.Cleanup(s.Close)
	return s
}

func (s *recordingServer) recording(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		s.count.Add(1)
		s.mu.Lock()
		s.requests = append(s.requests, r.Clone(r.Context()))
		s.mu.Unlock()
		h(w, r)
	}
}

// trustingTransport is a transport that trusts the certificate of every
// newRecordingTLSServer (httptest uses one for all) and speaks plain http.
func trustingTransport(s *recordingServer) http.RoundTripper {
	return s.Client().Transport
}

// Requests is how many requests the server received.
func (s *recordingServer) Requests() int { return int(s.count.Load()) }

// Recorded returns the requests received, oldest first.
func (s *recordingServer) Recorded() []*http.Request {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]*http.Request(nil), s.requests...)
}

// Pages returns the page parameter of every request received, in order.
func (s *recordingServer) Pages() []string {
	var pages []string
	for _, r := range s.Recorded() {
		pages = append(pages, r.URL.Query().Get("page"))
	}
	return pages
}

// pageServer starts a server whose page n (1-based) holds the leads page(n)
// returns, as {"data": [...]}.
func pageServer(t *testing.T, page func(n int) []string) *recordingServer {
	t.Helper()
	return newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		n, err := strconv.Atoi(r.URL.Query().Get("page"))
		if err != nil || n < 1 {
			writeJSON(w, http.StatusBadRequest, `{"message":"Invalid page"}`)
			return
		}
		writeJSON(w, http.StatusOK, dataBody(page(n)...))
	})
}

// listServer serves ids in pages of the size asked, capped at maxSize when
// maxSize > 0, and empty pages past the end.
func listServer(t *testing.T, ids []string, maxSize int) *recordingServer {
	t.Helper()
	return newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		page, _ := strconv.Atoi(q.Get("page"))
		size, _ := strconv.Atoi(q.Get("size"))
		if page < 1 || size < 1 {
			writeJSON(w, http.StatusBadRequest, `{"message":"Invalid page or size"}`)
			return
		}
		if maxSize > 0 {
			size = min(size, maxSize)
		}
		from := min((page-1)*size, len(ids))
		to := min(from+size, len(ids))
		writeJSON(w, http.StatusOK, dataBody(ids[from:to]...))
	})
}

// sequenceServer answers its n-th request (1-based) with replies[n-1], and
// every request past the last reply with the last reply.
func sequenceServer(t *testing.T, replies ...http.HandlerFunc) *recordingServer {
	t.Helper()
	var n atomic.Int64
	return newRecordingServer(t, func(w http.ResponseWriter, r *http.Request) {
		i := int(n.Add(1)) - 1
		replies[min(i, len(replies)-1)](w, r)
	})
}

// reply answers with status and a JSON body.
func reply(status int, body string) http.HandlerFunc {
	return func(w http.ResponseWriter, _ *http.Request) { writeJSON(w, status, body) }
}

func writeJSON(w http.ResponseWriter, status int, body string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	fmt.Fprint(w, body)
}

// dataBody is {"data": [...]} with one lead per id: ids that are all digits
// are sent as JSON numbers, others as strings.
func dataBody(ids ...string) string {
	return `{"data":` + leadArray(ids...) + `}`
}

func leadArray(ids ...string) string {
	items := make([]string, len(ids))
	for i, id := range ids {
		items[i] = fmt.Sprintf(`{"id":%s,"name":"Lead %s"}`, jsonID(id), id)
	}
	return "[" + strings.Join(items, ",") + "]"
}

func jsonID(id string) string {
	if _, err := strconv.ParseUint(id, 10, 64); err == nil {
		return id
	}
	return strconv.Quote(id)
}

// seq is the ids 1, 2, ..., n as text.
func seq(n int) []string {
	ids := make([]string, n)
	for i := range ids {
		ids[i] = strconv.Itoa(1 + i)
	}
	return ids
}

// idsOf lists the ids of leads, in order.
func idsOf(leads []Lead) []string {
	ids := make([]string, len(leads))
	for i, l := range leads {
		ids[i] = l.ID
	}
	return ids
}

// str renders an optional string for failure messages.
func str(p *string) string {
	if p == nil {
		return "<nil>"
	}
	return strconv.Quote(*p)
}

// mustQuery parses the query of a recorded request.
func mustQuery(t *testing.T, r *http.Request) url.Values {
	t.Helper()
	q, err := url.ParseQuery(r.URL.RawQuery)
	if err != nil {
		t.Fatalf("query %q: %v", r.URL.RawQuery, err)
	}
	return q
}
