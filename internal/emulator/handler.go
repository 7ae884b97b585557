package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
)

const (
	leadsPath         = "/api/v1/get-leads"
	conversationsPath = "/api/v1/get-conversations"
)

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ServeHTTP answers GET /api/v1/get-leads, GET /api/v1/get-conversations
// and GET /api/v1/get-chatbots.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.firstRequest.CompareAndSwap(0, time.Now().UnixMicro())
	defer func() {
		end := time.Now().UnixMicro()
		for last := s.lastResponse.Load(); end > last && !s.lastResponse.CompareAndSwap(last, end); last = s.lastResponse.Load() {
		}
	}()
	number := int(s.requests.Add(1))
	s.logMu.Lock()
	s.log = append(s.log, r.URL.Query())
	s.logMu.Unlock()

	n := s.inFlight.Add(1)
	for p := s.peak.Load(); n > p && !s.peak.CompareAndSwap(p, n); p = s.peak.Load() {
	}
	iw := &inFlightWriter{ResponseWriter: w, done: func() { s.inFlight.Add(-1) }}
	defer iw.finish()
	w = iw

	if s.opts.Latency > 0 {
		select {
		case <-time.After(s.opts.Latency):
		case <-r.Context().Done():
			return
		}
	}
	if s.opts.Faults != nil {
		if f := s.opts.Faults(number); f != NoFault {
			s.inject(w, r, f)
			return
		}
	}
	if r.URL.Path != leadsPath && r.URL.Path != conversationsPath && r.URL.Path != agentsPath {
		writeError(w, http.StatusNotFound, "Not found")
		return
	}
	if r.Method != http.MethodGet {
		writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+s.opts.APIKey || s.opts.APIKey == "" {
		writeError(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	switch r.URL.Path {
	case conversationsPath:
		s.serveConversations(w, r.URL.Query())
		return
	case agentsPath:
		s.serveAgents(w, r.URL.Query())
		return
	}
	s.serveLeads(w, r.URL.Query())
}

func (s *Server) serveLeads(w http.ResponseWriter, q url.Values) {
	req, ok := s.listRequest(w, q)
	if !ok {
		return
	}
	leads := inDateRange(s.leadsOf(req.agentID), Lead.sortKey, req.start, req.end)
	s.writePage(w, pageOf(leads, req.page, req.size))
}

// listRequest is what every per-agent endpoint is asked: one agent, a
// window of days, a page and its size.
type listRequest struct {
	agentID    string
	start, end time.Time
	page, size int
}

// listRequest checks the parameters every per-agent endpoint shares, in the
// order the API is assumed to check them, and answers the request itself
// when one is wrong.
func (s *Server) listRequest(w http.ResponseWriter, q url.Values) (listRequest, bool) {
	agentID := q.Get("agentId")
	if agentID == "" {
		agentID = q.Get("chatbotId")
	}
	if agentID == "" {
		writeError(w, http.StatusBadRequest, "agentId is required")
		return listRequest{}, false
	}
	if !s.knows(agentID) {
		writeError(w, http.StatusNotFound, "Agent not found")
		return listRequest{}, false
	}
	start, ok := parseDate(q.Get("startDate"))
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid startDate: use YYYY-MM-DD")
		return listRequest{}, false
	}
	end, ok := parseDate(q.Get("endDate"))
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid endDate: use YYYY-MM-DD")
		return listRequest{}, false
	}
	if !start.IsZero() && !end.IsZero() && start.After(end) {
		writeError(w, http.StatusBadRequest, "startDate is after endDate")
		return listRequest{}, false
	}
	page, size, ok := s.pageRequest(w, q)
	if !ok {
		return listRequest{}, false
	}
	return listRequest{agentID: agentID, start: start, end: end, page: page, size: size}, true
}

// pageRequest reads page (1-based, default 1) and size (default 10, capped
// at MaxPageSize), and answers the request itself when one is wrong.
func (s *Server) pageRequest(w http.ResponseWriter, q url.Values) (page, size int, ok bool) {
	if page, ok = positiveInt(q.Get("page"), 1); !ok {
		writeError(w, http.StatusBadRequest, "Invalid page")
		return 0, 0, false
	}
	if size, ok = positiveInt(q.Get("size"), 10); !ok {
		writeError(w, http.StatusBadRequest, "Invalid size")
		return 0, 0, false
	}
	return page, min(size, s.opts.MaxPageSize), true
}

// pageOf is page (1-based) of items in pages of size; past the end, empty.
func pageOf[T any](items []T, page, size int) []T {
	from := min((page-1)*size, len(items))
	to := min(from+size, len(items))
	return items[from:to]
}

// inDateRange keeps items created on or between start and end (UTC days,
// both inclusive; a zero bound is open). Items are newest first, so the
// range is one contiguous run.
func inDateRange[T any](items []T, key func(T) (time.Time, string), start, end time.Time) []T {
	created := func(i int) time.Time { t, _ := key(items[i]); return t }
	lo, hi := 0, len(items)
	if !end.IsZero() {
		limit := end.AddDate(0, 0, 1)
		lo = sort.Search(len(items), func(i int) bool { return created(i).Before(limit) })
	}
	if !start.IsZero() {
		hi = sort.Search(len(items), func(i int) bool { return created(i).Before(start) })
	}
	if lo > hi {
		return nil
	}
	return items[lo:hi]
}

func (s *Server) writePage(w http.ResponseWriter, leads []Lead) {
	var buf bytes.Buffer
	buf.Grow(64 + 220*len(leads))
	switch s.opts.Envelope {
	case EnvelopeCollectedCustomers:
		buf.WriteString(`{"collectedCustomers":[`)
	case EnvelopeCollectedCustomersData:
		buf.WriteString(`{"collectedCustomers":{"data":[`)
	default:
		buf.WriteString(`{"data":[`)
	}
	for i, l := range leads {
		if i > 0 {
			buf.WriteByte(',')
		}
		l.appendJSON(&buf)
	}
	buf.WriteString("]}")
	if s.opts.Envelope == EnvelopeCollectedCustomersData {
		buf.WriteString("}")
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(s.opts.SuccessStatus)
	// An error here means the client has gone: there is no one to tell.
	_, _ = w.Write(buf.Bytes())
}

func parseDate(v string) (time.Time, bool) {
	if v == "" {
		return time.Time{}, true
	}
	if !datePattern.MatchString(v) {
		return time.Time{}, false
	}
	t, err := time.Parse(time.DateOnly, v)
	return t, err == nil
}

func positiveInt(v string, def int) (int, bool) {
	if strings.TrimSpace(v) == "" {
		return def, true
	}
	n, err := strconv.Atoi(v)
	return n, err == nil && n >= 1
}

func writeError(w http.ResponseWriter, status int, msg string) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	// As in writePage, an error here has no one to go to.
	_ = json.NewEncoder(w).Encode(map[string]string{"message": msg})
}

// inFlightWriter ends a request's count in flight when its response starts.
type inFlightWriter struct {
	http.ResponseWriter
	done     func()
	finished bool
}

// Unwrap lets http.ResponseController reach the connection (faults).
func (w *inFlightWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

func (w *inFlightWriter) finish() {
	if !w.finished {
		w.finished = true
		w.done()
	}
}

func (w *inFlightWriter) WriteHeader(status int) {
	w.finish()
	w.ResponseWriter.WriteHeader(status)
}

func (w *inFlightWriter) Write(b []byte) (int, error) {
	w.finish()
	return w.ResponseWriter.Write(b)
}
