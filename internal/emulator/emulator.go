// Package emulator is a local stand-in for Chatzuri's v1 API (get-leads,
// get-conversations and get-chatbots), faithful to what the vendor documents: bearer auth, 404
// for an unknown agent, 400 for a malformed date, an inclusive date filter,
// 1-based pages, a cap on size and 202 as its success code. Tests run it in-process; cmd/chatzuri-emulator
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
	// Leads maps agent ids to their leads, in any order.
	Leads map[string][]Lead
	// Conversations maps agent ids to their conversations, in any order. An
	// agent named in either map exists for both endpoints, with no items of
	// the kind the other map does not give it.
	Conversations map[string][]Conversation
	// MaxPageSize caps the size parameter; 0 means 100.
	MaxPageSize int
	// Latency delays every response.
	Latency time.Duration
	// Envelope selects the response shape of get-leads; get-conversations
	// always answers {"data": [...]}.
	Envelope Envelope
	// AgentShape selects how get-chatbots spells an agent: Chatzuri's
	// (the default) or Chatbase's.
	AgentShape AgentShape
	// SuccessStatus is the status of a good response; 0 means 202.
	SuccessStatus int
	// Faults, when set, picks a fault to serve in place of each answer.
	Faults FaultPlan
	// RetryAfter is the Retry-After header of FaultTooManyRequests; "" means "1".
	RetryAfter string
	// RateLimit, when set, limits each key to a sliding window of requests.
	RateLimit *RateLimit
	// Method is the method the endpoints take: GET (the default), POST
	// with the parameters in a JSON body, or none; the rest are answered 405.
	Method Method
	// PerAgentLists are more endpoints, by their path under /api/v1
	// ("get-notes"), each served from its items' JSON (PerAgentList).
	PerAgentLists map[string]PerAgentList
}

// Server is an http.Handler serving /api/v1/get-leads,
// /api/v1/get-conversations and /api/v1/get-chatbots (with GET, or as
// Options.Method says).
type Server struct {
	opts    Options
	limiter *rateLimiter // nil without Options.RateLimit

	mu            sync.RWMutex
	leads         map[string][]Lead         // by agent id, newest first
	conversations map[string][]Conversation // by agent id, newest first

	requests atomic.Int64
	faulted  atomic.Int64
	inFlight atomic.Int64
	peak     atomic.Int64
	// In Unix microseconds: the first request's arrival and the end of the
	// response that ended last; 0 before any.
	firstRequest atomic.Int64
	lastResponse atomic.Int64
	logMu        sync.Mutex
	log          []url.Values
	methodLog    []string
}

// New builds a server from opts.
func New(opts Options) *Server {
	if opts.MaxPageSize <= 0 {
		opts.MaxPageSize = 100
	}
	if opts.SuccessStatus == 0 {
		opts.SuccessStatus = http.StatusAccepted
	}
	s := &Server{opts: opts, leads: make(map[string][]Lead, len(opts.Leads)), conversations: make(map[string][]Conversation, len(opts.Conversations))}
	if opts.RateLimit != nil {
		s.limiter = newRateLimiter(*opts.RateLimit)
	}
	for id, leads := range opts.Leads {
		s.leads[id] = sortNewestFirst(append([]Lead(nil), leads...), Lead.sortKey)
	}
	for id, conversations := range opts.Conversations {
		s.conversations[id] = sortNewestFirst(append([]Conversation(nil), conversations...), Conversation.sortKey)
	}
	return s
}

// AddLeads adds leads to an agent, creating it if needed, as new leads
// arriving while a client pages would.
func (s *Server) AddLeads(agentID string, leads ...Lead) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.leads[agentID] = sortNewestFirst(append(append([]Lead(nil), s.leads[agentID]...), leads...), Lead.sortKey)
}

// AddConversations adds conversations to an agent, creating it if needed.
func (s *Server) AddConversations(agentID string, conversations ...Conversation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.conversations[agentID] = sortNewestFirst(append(append([]Conversation(nil), s.conversations[agentID]...), conversations...), Conversation.sortKey)
}

// Requests is how many requests the server has answered, whatever the outcome.
func (s *Server) Requests() int { return int(s.requests.Load()) }

// PeakInFlight is the most requests the server was handling at once. A
// request counts from its arrival until its response starts: a client may
// read the whole response and send its next request before the handler
// has returned.
func (s *Server) PeakInFlight() int { return int(s.peak.Load()) }

// Stats is what the server saw, for benchmarks.
type Stats struct {
	Requests     int `json:"requests"`
	PeakInFlight int `json:"peak_in_flight"`
	// FirstRequestUnixMicros is when the first request arrived, and
	// LastResponseUnixMicros when the last response to end ended: from one
	// to the other is the time the server was serving a client's reads.
	FirstRequestUnixMicros int64 `json:"first_request_unix_us"`
	LastResponseUnixMicros int64 `json:"last_response_unix_us"`
	// RateLimited is how many requests were answered 429 by the rate limit.
	RateLimited int `json:"rate_limited"`
	// Faulted is how many answers a fault (Options.Faults) replaced.
	Faulted int `json:"faulted"`
}

// Stats reports what the server has seen so far.
func (s *Server) Stats() Stats {
	return Stats{
		Requests:               s.Requests(),
		PeakInFlight:           s.PeakInFlight(),
		FirstRequestUnixMicros: s.firstRequest.Load(),
		LastResponseUnixMicros: s.lastResponse.Load(),
		RateLimited:            s.RateLimited(),
		Faulted:                int(s.faulted.Load()),
	}
}

// RateLimited is how many requests the rate limit answered 429.
func (s *Server) RateLimited() int {
	if s.limiter == nil {
		return 0
	}
	return s.limiter.deniedCount()
}

// Queries returns the parameters of every request received, oldest first:
// a GET's query, or the JSON body of a POST the endpoints take.
func (s *Server) Queries() []url.Values {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]url.Values(nil), s.log...)
}

// Methods returns the method of every request received, oldest first, in
// the order of Queries.
func (s *Server) Methods() []string {
	s.logMu.Lock()
	defer s.logMu.Unlock()
	return append([]string(nil), s.methodLog...)
}

// knows reports whether agentID is an agent of the emulated team.
func (s *Server) knows(agentID string) bool {
	s.mu.RLock()
	defer s.mu.RUnlock()
	_, hasLeads := s.leads[agentID]
	_, hasConversations := s.conversations[agentID]
	for _, list := range s.opts.PerAgentLists {
		if _, ok := list.Items[agentID]; ok {
			return true
		}
	}
	return hasLeads || hasConversations
}

func (s *Server) leadsOf(agentID string) []Lead {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.leads[agentID]
}

func (s *Server) conversationsOf(agentID string) []Conversation {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.conversations[agentID]
}

// sortNewestFirst orders items by creation time, newest first, then by id.
func sortNewestFirst[T any](items []T, key func(T) (time.Time, string)) []T {
	sort.SliceStable(items, func(i, j int) bool {
		ti, idi := key(items[i])
		tj, idj := key(items[j])
		if !ti.Equal(tj) {
			return ti.After(tj)
		}
		return idi > idj
	})
	return items
}
