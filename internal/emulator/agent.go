package emulator

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"net/http"
	"net/url"
	"time"
)

// AgentShape is the JSON shape of an agent on get-chatbots.
type AgentShape int

const (
	// AgentShapeChatzuri is Chatzuri's: chatbot_id, created_at,
	// chatbot_owner_user_id, chatbot_name, phone, email and source_text.
	AgentShapeChatzuri AgentShape = iota
	// AgentShapeChatbase is Chatbase's v1: id, name, status, model,
	// instructions, visibility, created_at and updated_at; no owner.
	AgentShapeChatbase
)

// Agent is an agent as get-chatbots describes it.
type Agent struct {
	ID          string
	Name        string
	CreatedAt   time.Time
	OwnerUserID string
}

// CreatedAtText is the created_at value sent on the wire (RFC 3339, UTC).
func (a Agent) CreatedAtText() string { return a.CreatedAt.UTC().Format(time.RFC3339) }

func (a Agent) sortKey() (time.Time, string) { return a.CreatedAt, a.ID }

// demoAgentNames are the names of the demo catalogue's agents.
var demoAgentNames = map[string]string{
	"agt_demo":  "Support (web)",
	"agt_sales": "Sales (WhatsApp)",
	"agt_empty": "Onboarding (new)",
}

var seedAgentNames = []string{
	"Support (web)", "Sales (WhatsApp)", "Billing (email)", "Bookings (Instagram)",
	"Returns (Messenger)", "Help desk (Slack)", "Concierge (API)", "Recruiting (site)",
}

// SeedAgent describes agentID, the same for the same id: a name (the demo
// agents' own, else one of a fixed set followed by the id), created_at a
// whole number of hours in 2025, and the owner its leads name.
func SeedAgent(agentID string) Agent {
	h := fnv.New64a()
	h.Write([]byte(agentID))
	sum := h.Sum64()
	name, ok := demoAgentNames[agentID]
	if !ok {
		name = fmt.Sprintf("%s %s", seedAgentNames[sum%uint64(len(seedAgentNames))], agentID)
	}
	return Agent{
		ID:          agentID,
		Name:        name,
		CreatedAt:   time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC).Add(time.Duration(sum%(364*24)) * time.Hour),
		OwnerUserID: ownerOf(agentID),
	}
}

// agentsList is every agent of the team, newest first: each agent with
// leads or conversations.
func (s *Server) agentsList() []Agent {
	s.mu.RLock()
	defer s.mu.RUnlock()
	agents := make([]Agent, 0, len(s.leads)+len(s.conversations))
	for id := range s.leads {
		agents = append(agents, SeedAgent(id))
	}
	for id := range s.conversations {
		if _, ok := s.leads[id]; !ok {
			agents = append(agents, SeedAgent(id))
		}
	}
	return sortNewestFirst(agents, Agent.sortKey)
}

// serveAgents answers get-chatbots. Chatzuri documents no paging for it; the
// emulator pages as its other endpoints do, so that a client that stops
// after page 1 misses agents.
func (s *Server) serveAgents(w http.ResponseWriter, q url.Values) {
	page, size, ok := s.pageRequest(w, q)
	if !ok {
		return
	}
	writePage(s, w, envelope{`{"chatbots":[`, `]}`}, pageOf(s.agentsList(), page, size), func(a Agent, buf *bytes.Buffer) {
		a.appendJSON(buf, s.opts.AgentShape)
	})
}

// appendJSON writes the agent in shape, with the fields the provider must
// skip: the owner's contact details and the training text in Chatzuri's,
// the settings in Chatbase's.
func (a Agent) appendJSON(buf *bytes.Buffer, shape AgentShape) {
	switch shape {
	case AgentShapeChatbase:
		buf.WriteString(`{"id":`)
		writeString(buf, a.ID)
		buf.WriteString(`,"name":`)
		writeString(buf, a.Name)
		buf.WriteString(`,"status":"active","model":"gpt-4o-mini","instructions":"Answer from the training data only.","visibility":"private","created_at":`)
		writeString(buf, a.CreatedAtText())
		buf.WriteString(`,"updated_at":`)
		writeString(buf, a.CreatedAtText())
	default:
		buf.WriteString(`{"chatbot_id":`)
		writeString(buf, a.ID)
		buf.WriteString(`,"created_at":`)
		writeString(buf, a.CreatedAtText())
		buf.WriteString(`,"chatbot_owner_user_id":`)
		writeString(buf, a.OwnerUserID)
		buf.WriteString(`,"chatbot_name":`)
		writeString(buf, a.Name)
		buf.WriteString(`,"phone":"+254700000001","email":"owner@example.com","source_text":"Opening hours: 8:00-18:00, Monday to Saturday."`)
	}
	buf.WriteByte('}')
}
