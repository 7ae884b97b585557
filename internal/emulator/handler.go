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

const leadsPath = "/api/v1/get-leads"

var datePattern = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)

// ServeHTTP answers GET /api/v1/get-leads.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	s.requests.Add(1)
	s.logMu.Lock()
	s.log = append(s.log, r.URL.Query())
	s.logMu.Unlock()

	n := s.inFlight.Add(1)
	for p := s.peak.Load(); n > p && !s.peak.CompareAndSwap(p, n); p = s.peak.Load() {
	}
	w = &inFlightWriter{ResponseWriter: w, done: func() { s.inFlight.Add(-1) }}
	defer w.(*inFlightWriter).finish()

	if s.opts.Latency > 0 {
		select {
		case <-time.After(s.opts.Latency):
		case <-r.Context().Done():
			return
		}
	}
	if r.URL.Path != leadsPath {
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
	s.serveLeads(w, r.URL.Query())
}

func (s *Server) serveLeads(w http.ResponseWriter, q url.Values) {
	agentID := q.Get("agentId")
	if agentID == "" {
		agentID = q.Get("chatbotId")
	}
	if agentID == "" {
		writeError(w, http.StatusBadRequest, "agentId is required")
		return
	}
	leads, ok := s.leadsOf(agentID)
	if !ok {
		writeError(w, http.StatusNotFound, "Agent not found")
		return
	}
	start, ok := parseDate(q.Get("startDate"))
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid startDate: use YYYY-MM-DD")
		return
	}
	end, ok := parseDate(q.Get("endDate"))
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid endDate: use YYYY-MM-DD")
		return
	}
	if !start.IsZero() && !end.IsZero() && start.After(end) {
		writeError(w, http.StatusBadRequest, "startDate is after endDate")
		return
	}
	page, ok := positiveInt(q.Get("page"), 1)
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid page")
		return
	}
	size, ok := positiveInt(q.Get("size"), 10)
	if !ok {
		writeError(w, http.StatusBadRequest, "Invalid size")
		return
	}
	size = min(size, s.opts.MaxPageSize)

	leads = inDateRange(leads, start, end)
	from := min((page-1)*size, len(leads))
	to := min(from+size, len(leads))
	s.writePage(w, leads[from:to])
}

// inDateRange keeps leads created on or between start and end (UTC days,
// both inclusive; a zero bound is open). Leads are newest first, so the
// range is one contiguous run.
func inDateRange(leads []Lead, start, end time.Time) []Lead {
	lo, hi := 0, len(leads)
	if !end.IsZero() {
		limit := end.AddDate(0, 0, 1)
		lo = sort.Search(len(leads), func(i int) bool { return leads[i].CreatedAt.Before(limit) })
	}
	if !start.IsZero() {
		hi = sort.Search(len(leads), func(i int) bool { return leads[i].CreatedAt.Before(start) })
	}
	if lo > hi {
		return nil
	}
	return leads[lo:hi]
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
	w.Write(buf.Bytes())
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
	json.NewEncoder(w).Encode(map[string]string{"message": msg})
}

// inFlightWriter ends a request's count in flight when its response starts.
type inFlightWriter struct {
	http.ResponseWriter
	done     func()
	finished bool
}

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
