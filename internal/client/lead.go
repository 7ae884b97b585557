package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
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

// UnmarshalJSON accepts the id as a number or a string. Error messages name
// fields, never their values, which are personal data.
func (l *Lead) UnmarshalJSON(b []byte) error {
	var wire struct {
		ID                 flexID     `json:"id"`
		CreatedAt          flexString `json:"created_at"`
		ChatbotOwnerUserID flexString `json:"chatbot_owner_user_id"`
		ChatbotID          flexString `json:"chatbot_id"`
		Phone              flexString `json:"phone"`
		Email              flexString `json:"email"`
		Name               flexString `json:"name"`
	}
	if err := json.Unmarshal(b, &wire); err != nil {
		return err
	}
	if wire.ID == "" {
		return errors.New(`a lead has no "id"`)
	}
	*l = Lead{
		ID:                 string(wire.ID),
		CreatedAt:          wire.CreatedAt.v,
		ChatbotOwnerUserID: wire.ChatbotOwnerUserID.v,
		ChatbotID:          wire.ChatbotID.v,
		Phone:              wire.Phone.v,
		Email:              wire.Email.v,
		Name:               wire.Name.v,
	}
	return nil
}

// flexID is an identifier sent as a JSON string or number.
type flexID string

func (id *flexID) UnmarshalJSON(b []byte) error {
	switch {
	case bytes.Equal(b, []byte("null")):
		*id = ""
	case len(b) > 0 && b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		*id = flexID(s)
	case len(b) > 0 && (b[0] == '-' || (b[0] >= '0' && b[0] <= '9')):
		*id = flexID(b)
	default:
		return fmt.Errorf(`a lead's "id" is a JSON %s, want a number or a string`, jsonKind(b))
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
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
	case "number", "boolean":
		s = string(b)
	default:
		return fmt.Errorf("a lead field is a JSON %s, want a string", kind)
	}
	f.v = &s
	return nil
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
