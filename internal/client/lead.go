package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"unicode/utf8"
)

// Lead is one visitor's contact details collected by an agent. Every field
// but ID may be nil: the API documents no nullability, and a null and an
// absent field both come out as nil.
type Lead struct {
	// ID is the lead's identifier as text: the API sends a number (which may
	// exceed 2^53, so it is kept digit for digit) or, in Chatbase's variant,
	// a string.
	ID                 string
	CreatedAt          *string
	ChatbotOwnerUserID *string
	ChatbotID          *string
	Phone              *string
	Email              *string
	Name               *string
}

// leadWire is a lead as it arrives. Decoding into it, rather than through
// an UnmarshalJSON on Lead, lets encoding/json scan each lead once: an
// UnmarshalJSON method receives bytes it must scan again.
type leadWire struct {
	ID                 flexID     `json:"id"`
	CreatedAt          flexString `json:"created_at"`
	ChatbotOwnerUserID flexString `json:"chatbot_owner_user_id"`
	ChatbotID          flexString `json:"chatbot_id"`
	Phone              flexString `json:"phone"`
	Email              flexString `json:"email"`
	Name               flexString `json:"name"`
}

// item checks and converts the wire form. Errors name fields, never their
// values, which are personal data.
func (w *leadWire) item() (Lead, error) {
	if w.ID.text == "" {
		return Lead{}, errors.New(`a lead has no "id"`)
	}
	return Lead{
		ID:                 w.ID.text,
		CreatedAt:          w.CreatedAt.v,
		ChatbotOwnerUserID: w.ChatbotOwnerUserID.v,
		ChatbotID:          w.ChatbotID.v,
		Phone:              w.Phone.v,
		Email:              w.Email.v,
		Name:               w.Name.v,
	}, nil
}

func (w *leadWire) id() flexID { return w.ID }

// decodeLeads finds the leads in a page body.
func decodeLeads(body []byte) ([]Lead, error) { return readLeadsPage(body, nil) }

// readLeadsPage is decodeLeads noting the page's shape in seen (Leads.Decode).
func readLeadsPage(body []byte, seen *PageShape) ([]Lead, error) {
	return decodeItems[leadWire, Lead](body, seen, "lead", "data", "collectedCustomers")
}

// flexID is an identifier sent as a JSON string or number: its text, and
// whether it came as a number (for the log of what the API did).
type flexID struct {
	text   string
	number bool
}

func (id *flexID) UnmarshalJSON(b []byte) error {
	switch {
	case bytes.Equal(b, []byte("null")):
		*id = flexID{}
	case len(b) > 0 && b[0] == '"':
		s, err := unquote(b)
		if err != nil {
			return err
		}
		*id = flexID{text: s}
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*id = flexID{text: string(b), number: true}
	default:
		return fmt.Errorf(`an "id" is a JSON %s, want a number or a string`, jsonKind(b))
	}
	return nil
}

// flexString is a text field that may arrive as null, a string, a number or
// a boolean; numbers keep their exact digits.
type flexString struct{ v *string }

func (f *flexString) UnmarshalJSON(b []byte) error {
	if bytes.Equal(b, []byte("null")) {
		f.v = nil
		return nil
	}
	var s string
	switch kind := jsonKind(b); kind {
	case "string":
		var err error
		if s, err = unquote(b); err != nil {
			return err
		}
	case "number", "boolean":
		s = string(b)
	default:
		return fmt.Errorf("a text field is a JSON %s, want a string", kind)
	}
	f.v = &s
	return nil
}

// unquote reads a JSON string that encoding/json has already checked. One
// without escapes and in valid UTF-8, the usual case, is its own text; the
// rest go through encoding/json.
func unquote(b []byte) (string, error) {
	inner := b[1 : len(b)-1]
	if bytes.IndexByte(inner, '\\') < 0 && utf8.Valid(inner) {
		return string(inner), nil
	}
	var s string
	err := json.Unmarshal(b, &s)
	return s, err
}

func jsonKind(b []byte) string {
	b = bytes.TrimLeft(b, " \t\r\n")
	if len(b) == 0 {
		return "nothing"
	}
	switch b[0] {
	case '"':
		return "string"
	case '{':
		return "object"
	case '[':
		return "array"
	case 't', 'f':
		return "boolean"
	case 'n':
		return "null"
	case '<':
		return "HTML"
	}
	if b[0] == '-' || (b[0] >= '0' && b[0] <= '9') {
		return "number"
	}
	return "text"
}
