package client

import (
	"errors"
	"net/url"
	"strings"
)

// Conversation is one chat between a visitor and an agent. Every field but
// ID may be nil, as for leads; Messages is never nil: a conversation whose
// messages are null or absent has none.
type Conversation struct {
	// ID is the conversation's identifier as text: the API documents a
	// string; a number is accepted and kept digit for digit.
	ID        string
	CreatedAt *string
	ChatbotID *string
	Customer  *string
	Source    *string
	// Messages are in the API's order.
	Messages []Message
}

// Message is one turn of a conversation. A null message in the list is
// kept, with both fields nil, so that no turn is dropped or renumbered.
type Message struct {
	Role    *string
	Content *string
}

// conversationWire is a conversation as it arrives, decoded in one scan:
// see leadWire.
type conversationWire struct {
	ID        flexID        `json:"id"`
	CreatedAt flexString    `json:"created_at"`
	Messages  []messageWire `json:"messages"`
	ChatbotID flexString    `json:"chatbot_id"`
	Customer  flexString    `json:"customer"`
	Source    flexString    `json:"source"`
}

type messageWire struct {
	Role    flexString `json:"role"`
	Content flexString `json:"content"`
}

// item checks and converts the wire form. Errors name fields, never
// their values: transcripts are personal data.
func (w *conversationWire) item() (Conversation, error) {
	if w.ID.text == "" {
		return Conversation{}, errors.New(`a conversation has no "id"`)
	}
	messages := make([]Message, len(w.Messages))
	for i, m := range w.Messages {
		messages[i] = Message{Role: m.Role.v, Content: m.Content.v}
	}
	return Conversation{
		ID:        w.ID.text,
		CreatedAt: w.CreatedAt.v,
		ChatbotID: w.ChatbotID.v,
		Customer:  w.Customer.v,
		Source:    w.Source.v,
		Messages:  messages,
	}, nil
}

// decodeConversations finds the conversations in a page body. Chatzuri and
// Chatbase both document {"data": [...]}; the nested {"data": {"data":
// [...]}} is accepted as for leads. "collectedCustomers" is the leads
// endpoint's name for its list (collected customers are leads) and is not
// accepted here.
func decodeConversations(body []byte) ([]Conversation, error) {
	return readConversationsPage(body, nil)
}

// readConversationsPage is decodeConversations noting the page's shape in
// seen (Conversations.Decode).
func readConversationsPage(body []byte, seen *PageShape) ([]Conversation, error) {
	return decodeItems[conversationWire, Conversation](body, seen, "conversation", "data")
}

func (w *conversationWire) id() flexID { return w.ID }

// Conversations is GET /get-conversations: the conversations one agent had
// (ConversationParams).
var Conversations = List[Conversation]{
	Path:   "get-conversations",
	Decode: readConversationsPage,
	ID:     func(c Conversation) string { return c.ID },
}

// ConversationParams are the query parameters of w's conversations from
// sources, sent comma-separated as filteredSources; no sources means every
// source. Sources go as given: see apiref.ConversationSources for the documented
// values.
func ConversationParams(w AgentWindow, sources []string) url.Values {
	params := w.Params()
	if len(sources) > 0 {
		params.Set("filteredSources", strings.Join(sources, ","))
	}
	return params
}
