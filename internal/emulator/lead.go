package emulator

import (
	"bytes"
	"time"
)

// Lead is a lead as the emulator stores it. A nil field is sent as null,
// or left out of the JSON entirely when Omit is set.
type Lead struct {
	// ID is sent as a JSON number when NumericID is set, else as a string.
	ID        string
	NumericID bool
	CreatedAt time.Time

	ChatbotOwnerUserID *string
	ChatbotID          *string
	Phone              *string
	Email              *string
	Name               *string

	// Omit leaves nil fields out instead of sending null.
	Omit bool
}

// CreatedAtText is the created_at value sent on the wire (RFC 3339, UTC).
func (l Lead) CreatedAtText() string { return l.CreatedAt.UTC().Format(time.RFC3339) }

func (l Lead) sortKey() (time.Time, string) { return l.CreatedAt, l.ID }

func (l Lead) appendJSON(buf *bytes.Buffer) {
	buf.WriteString(`{"id":`)
	if l.NumericID {
		buf.WriteString(l.ID)
	} else {
		writeString(buf, l.ID)
	}
	buf.WriteString(`,"created_at":`)
	writeString(buf, l.CreatedAtText())
	appendFields(buf, l.Omit, true,
		field{"chatbot_owner_user_id", l.ChatbotOwnerUserID}, field{"chatbot_id", l.ChatbotID},
		field{"phone", l.Phone}, field{"email", l.Email}, field{"name", l.Name})
	buf.WriteByte('}')
}
