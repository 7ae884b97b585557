// Package emulator is a local stand-in for Chatzuri's v1 API, faithful to
// what the vendor documents: bearer auth, 404 for an unknown agent, 400 for a
// malformed date, an inclusive date filter, 1-based pages, a cap on size and
// 202 as its success code. Tests run it in-process; cmd/chatzuri-emulator
// serves it on 127.0.0.1 for the demo.
package emulator

import (
	"net/http"
	"net/url"
	"sort"
	"sync"
	"sync/atomic"
	"time"
)

// Envelope is the JSON shape a page is wrapped in.
type Envelope int

const (
	// EnvelopeData is {"data": [...]}, as Chatzuri documents.
	EnvelopeData Envelope = iota
	// EnvelopeCollectedCustomers is {"collectedCustomers": [...]}, as Chatbase documents.
	EnvelopeCollectedCustomers
	// EnvelopeCollectedCustomersData is {"collectedCustomers": {"data": [...]}}.
	EnvelopeCollectedCustomersData
)

// Options configures a Server.
type Options struct {
	// APIKey is the only key accepted.
	APIKey string
	// Agents maps agent ids to their leads, in any order.
	Agents map[string][]Lead
	// MaxPageSize caps the size parameter; 0 means 100.
	MaxPageSize int
	// Latency delays every response.
	Latency time.Duration
	// Envelope selects the response shape.
	Envelope Envelope
	// SuccessStatus is the status of a good response; 0 means 202.
	SuccessStatus int
}

// Server is an http.Handler serving GET /api/v1/get-leads.
type Server struct {
	opts Options

	mu     sync.RWMutex
	agents map[string][]Lead // newest first

	requests atomic.Int64
	inFlight atomic.Int64
	peak     atomic.Int64
	logMu    sync.Mutex
	log      []url.Values
}

// New builds a server from opts.
func New(opts Options) *Server {
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = 100
	}
	if opts.SuccessStatus == 0 {
		opts.SuccessStatus = http.StatusAccepted
	}
	s := &Server{opts: opts, agents: make(map[string][]Lead, len(opts.Agents))}
	for id, leads := range opts.Agents {
		s.agents[id] = sortNewestFirst(append([]Lead(nil), leads...))
	}
	return s
}

// AddLeads adds leads to an agent, creating it if needed, as new leads
// arriving while a client pages would.
func (s *Server) AddLeads(agentID string, leads ...Lead) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.agents[agentID] = sortNewestFirst(append(append([]Lead(nil), s.agents[agentID]...), leads...))
}

// Requests is how many requests the server has answered, whatever the outcome.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// PeakInFlight is the most requests the server was handling at once. A
// request counts from its arrival until its response starts: a client may
// read the whole response and send its next request before the handler
// has returned.
func (s *Server) PeakInFlight() int { return int(s.peak.Load()) }

// Queries returns the query of every request received, oldest first.
func (s *Server) Queries() []url.Values {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]url.Values(nil), s.log...)
}

func (s *Server) leadsOf(agentID string) ([]Lead, bool) {
	s.mu.RLock()
	defer s.mu.RUnlock()
	leads, ok := s.agents[agentID]
	return leads, ok
}

func sortNewestFirst(leads []Lead) []Lead {
	sort.SliceStable(leads, func(i, j int) bool {
		if !leads[i].CreatedAt.Equal(leads[j].CreatedAt) {
			return leads[i].CreatedAt.After(leads[j].CreatedAt)
		}
		return leads[i].ID > leads[j].ID
	})
	return leads
}
