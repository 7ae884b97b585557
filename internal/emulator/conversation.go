package emulator

import (
	"bytes"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/apiref"
)

// Conversation is a conversation as the emulator stores it. A nil field is
// sent as null, or left out when Omit is set; nil Messages likewise, while
// an empty, non-nil Messages is sent as [].
type Conversation struct {
	// ID is sent as a JSON number when NumericID is set, else as a string.
	ID        string
	NumericID bool
	CreatedAt time.Time

	ChatbotID *string
	Customer  *string
	// Source is one of apiref.ConversationSources, or nil; a nil source matches
	// the filter "Unspecified".
	Source   *string
	Messages []Message

	// Omit leaves nil fields out instead of sending null.
	Omit bool
}

// Message is one turn of a conversation.
type Message struct {
	Role    *string
	Content *string
}

// CreatedAtText is the created_at value sent on the wire (RFC 3339, UTC).
func (c Conversation) CreatedAtText() string { return c.CreatedAt.UTC().Format(time.RFC3339) }

func (c Conversation) sortKey() (time.Time, string) { return c.CreatedAt, c.ID }

// sourceName is the source the filter matches: nil is "Unspecified".
func (c Conversation) sourceName() string {
	if c.Source == nil {
		return "Unspecified"
	}
	return *c.Source
}

func (c Conversation) appendJSON(buf *bytes.Buffer) {
	buf.WriteString(`{"id":`)
	if c.NumericID {
		buf.WriteString(c.ID)
	} else {
		writeString(buf, c.ID)
	}
	buf.WriteString(`,"created_at":`)
	writeString(buf, c.CreatedAtText())
	switch {
	case c.Messages != nil:
		buf.WriteString(`,"messages":[`)
		for i, m := range c.Messages {
			if i > 0 {
				buf.WriteByte(',')
			}
			buf.WriteByte('{')
			appendFields(buf, c.Omit, false, field{"role", m.Role}, field{"content", m.Content})
			buf.WriteByte('}')
		}
		buf.WriteByte(']')
	case !c.Omit:
		buf.WriteString(`,"messages":null`)
	}
	appendFields(buf, c.Omit, true, field{"chatbot_id", c.ChatbotID}, field{"customer", c.Customer}, field{"source", c.Source})
	buf.WriteByte('}')
}

func (s *Server) serveConversations(w http.ResponseWriter, q url.Values) {
	req, ok := s.listRequest(w, q)
	if !ok {
		return
	}
	sources, err := parseSources(q.Get("filteredSources"))
	if err != nil {
		writeError(w, http.StatusBadRequest, "Invalid filteredSources: "+err.Error())
		return
	}
	conversations := inDateRange(s.conversationsOf(req.agentID), Conversation.sortKey, req.start, req.end)
	if sources != nil {
		conversations = slices.DeleteFunc(slices.Clone(conversations), func(c Conversation) bool {
			return !slices.Contains(sources, c.sourceName())
		})
	}
	writePage(s, w, dataEnvelope, pageOf(conversations, req.page, req.size), Conversation.appendJSON)
}

// parseSources reads the comma-separated filteredSources; empty means no
// filter (nil). Every element must be a documented source.
func parseSources(v string) ([]string, error) {
	if strings.TrimSpace(v) == "" {
		return nil, nil
	}
	sources := strings.Split(v, ",")
	for i, src := range sources {
		sources[i] = strings.TrimSpace(src)
		if !slices.Contains(apiref.ConversationSources, sources[i]) {
			return nil, fmt.Errorf("%q is not a source; use a comma-separated list of %s", sources[i], strings.Join(apiref.ConversationSources, ", "))
		}
	}
	return sources, nil
}
