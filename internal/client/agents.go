package client

import (
	"errors"
)

// Agent is one agent (a chatbot) of the team the API key belongs to. Every
// field but ID may be nil. The owner's phone and email and the agent's
// training text (source_text), which Chatzuri also sends, are left out on
// purpose: they are personal data or large, and not what a list of agents
// is for.
type Agent struct {
	// ID is the agent's id as text, the agentId its leads and
	// conversations are read with.
	ID        string
	Name      *string
	CreatedAt *string
	// OwnerUserID is the id of the user who owns the agent; Chatbase's
	// variant sends none.
	OwnerUserID *string
}

// agentWire is an agent in either vendor's spelling: Chatzuri documents
// chatbot_id and chatbot_name, Chatbase id and name. Only the fields kept
// are decoded; the rest of each agent is skipped unread.
type agentWire struct {
	ChatbotID          flexID     `json:"chatbot_id"`
	ID                 flexID     `json:"id"`
	ChatbotName        flexString `json:"chatbot_name"`
	Name               flexString `json:"name"`
	CreatedAt          flexString `json:"created_at"`
	ChatbotOwnerUserID flexString `json:"chatbot_owner_user_id"`
}

// item checks and converts the wire form. Where both spellings arrive,
// Chatzuri's wins: its chatbot_id is the id get-leads is asked with.
// Errors name fields, never their values.
func (w *agentWire) item() (Agent, error) {
	id := w.id()
	if id.text == "" {
		return Agent{}, errors.New(`an agent has neither "chatbot_id" nor "id"`)
	}
	name := w.ChatbotName.v
	if name == nil {
		name = w.Name.v
	}
	return Agent{ID: id.text, Name: name, CreatedAt: w.CreatedAt.v, OwnerUserID: w.ChatbotOwnerUserID.v}, nil
}

// id is the agent's id: chatbot_id, else id.
func (w *agentWire) id() flexID {
	if w.ChatbotID.text != "" {
		return w.ChatbotID
	}
	return w.ID
}

// decodeAgents finds the agents in a page body: {"chatbots": [...]}, as
// both vendors document, {"chatbots": {"data": [...]}}, or {"data": [...]},
// the envelope of Chatzuri's other lists.
func decodeAgents(body []byte) ([]Agent, error) { return readAgentsPage(body, nil) }

// readAgentsPage is decodeAgents noting the page's shape in seen
// (Agents.Decode).
func readAgentsPage(body []byte, seen *PageShape) ([]Agent, error) {
	return decodeItems[agentWire, Agent](body, seen, "agent", "chatbots", "data")
}

// Agents is GET /get-chatbots: every agent of the key's team. No paging is
// documented, so it is read one page after another: a server that ignores
// page answers page 2 with the agents of page 1, which brings nothing new
// and ends the read after two requests; a server that pages is read to its
// end.
var Agents = List[Agent]{
	Path:       "get-chatbots",
	Decode:     readAgentsPage,
	ID:         func(a Agent) string { return a.ID },
	Sequential: true,
}
