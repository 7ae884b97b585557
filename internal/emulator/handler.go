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

// apiPrefix is where the emulator serves the API, as Chatzuri does.
const apiPrefix = "/api/v1/"

// endpoint answers one path, once the method and the key are checked.
type endpoint func(s *Server, w http.ResponseWriter, q url.Values)

// endpoints are the paths the emulator serves, under apiPrefix; any other
// path is a 404. Options.PerAgentLists adds more (PerAgentList).
var endpoints = map[string]endpoint{
	"get-leads":         (*Server).serveLeads,
	"get-conversations": (*Server).serveConversations,
	"get-chatbots":      (*Server).serveAgents,
}

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ServeHTTP answers a request of one of the endpoints, by the method
// Options.Method says they take.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.firstRequest.CompareAndSwap(0, time.Now().UnixMicro())
	defer func() {
		end := time.Now().UnixMicro()
		for last := s.lastResponse.Load(); end > last && !s.lastResponse.CompareAndSwap(last, end); last = s.lastResponse.Load() {
		}
	}()
	number := int(s.requests.Add(1))
	// A POST's parameters are its body's (bodyParams), and what is logged.
	params, badBody, badBodyStatus := r.URL.Query(), error(nil), 0
	if r.Method == http.MethodPost && s.opts.Method.allows(r.Method) {
		params, badBodyStatus, badBody = bodyParams(r)
	}
	s.logMu.Lock()
	s.log = append(s.log, params)
	s.methodLog = append(s.methodLog, r.Method)
	s.logMu.Unlock()

	n := s.inFlight.Add(1)
	for p := s.peak.Load(); n > p && !s.peak.CompareAndSwap(p, n); p = s.peak.Load() {
	}
	iw := &inFlightWriter{ResponseWriter: w, done: func() { s.inFlight.Add(-1) }}
	defer iw.finish()
	w = iw

	// Counted on arrival, before anything else: a real limit sits in front.
	if s.limiter != nil && !s.limiter.admit(w, r.Header.Get("Authorization"), time.Now()) {
		return
	}
	if s.opts.Latency > 0 {
		select {
		case <-time.After(s.opts.Latency):
		case <-r.Context().Done():
			return
		}
	}
	if s.opts.Faults != nil {
		if f := s.opts.Faults(number); f != NoFault {
			s.faulted.Add(1)
			s.inject(w, r, f)
			return
		}
	}
	serve := s.endpoint(r.URL.Path)
	if serve == nil {
		writeError(w, http.StatusNotFound, "Not found")
		return
	}
	if !s.opts.Method.allows(r.Method) {
		writeError(w, http.StatusMethodNotAllowed, "Method not allowed")
		return
	}
	if r.Header.Get("Authorization") != "Bearer "+s.opts.APIKey || s.opts.APIKey == "" {
		writeError(w, http.StatusUnauthorized, "Unauthorized")
		return
	}
	if badBody != nil {
		writeError(w, badBodyStatus, badBody.Error())
		return
	}
	serve(s, w, params)
}

// endpoint is what serves urlPath, or nil.
func (s *Server) endpoint(urlPath string) endpoint {
	name, ok := strings.CutPrefix(urlPath, apiPrefix)
	if !ok {
		return nil
	}
	if serve, ok := endpoints[name]; ok {
		return serve
	}
	if list, ok := s.opts.PerAgentLists[name]; ok {
		return list.serve
	}
	return nil
}

func (s *Server) serveLeads(w http.ResponseWriter, q url.Values) {
	req, ok := s.listRequest(w, q)
	if !ok {
		return
	}
	leads := inDateRange(s.leadsOf(req.agentID), Lead.sortKey, req.start, req.end)
	writePage(s, w, leadEnvelopes[s.opts.Envelope], pageOf(leads, req.page, req.size), Lead.appendJSON)
}

// leadEnvelopes are get-leads' page shapes, by Options.Envelope.
var leadEnvelopes = map[Envelope]envelope{
	EnvelopeData:                   dataEnvelope,
	EnvelopeCollectedCustomers:     {`{"collectedCustomers":[`, `]}`},
	EnvelopeCollectedCustomersData: {`{"collectedCustomers":{"data":[`, `]}}`},
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

// envelope is what a page's items are wrapped in: open, the items
// comma-separated, close.
type envelope struct{ open, close string }

// dataEnvelope is {"data": [...]}, the shape Chatzuri documents.
var dataEnvelope = envelope{`{"data":[`, `]}`}

// writePage answers with items, each written by appendJSON, in env. It is
// the one page writer every endpoint uses.
func writePage[T any](s *Server, w http.ResponseWriter, env envelope, items []T, appendJSON func(T, *bytes.Buffer)) {
	var buf bytes.Buffer
	buf.Grow(len(env.open) + len(env.close) + 256*len(items))
	buf.WriteString(env.open)
	for i, item := range items {
		if i > 0 {
			buf.WriteByte(',')
		}
		appendJSON(item, &buf)
	}
	buf.WriteString(env.close)
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
