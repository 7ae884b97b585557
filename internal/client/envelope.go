package client

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"unicode"
)

// decodeEnvelope finds the list of items in a page body. Chatzuri documents
// {"data": [...]}, Chatbase {"collectedCustomers": [...]}, and live Chatbase
// clients read {"collectedCustomers": {"data": [...]}}; all three are
// accepted, and a null list is an empty page. Anything else is an error that
// describes what arrived without quoting it. It also returns the key path
// the list was found under ("collectedCustomers.data").
func decodeEnvelope[T any](body []byte, listKeys ...string) ([]T, string, error) {
	trimmed := bytes.TrimSpace(body)
	if len(trimmed) == 0 {
		return nil, "", &bodyError{kind: FaultEmpty, err: fmt.Errorf("the response body is empty, want a JSON object")}
	}
	if kind := jsonKind(trimmed); kind != "object" {
		what := "JSON " + kind
		switch kind {
		case "HTML":
			what = "an HTML page (a proxy or gateway error, not the API's JSON)"
		case "text":
			what = "text that is not JSON"
		}
		return nil, "", &bodyError{kind: FaultShape, err: fmt.Errorf("the response is %s, want a JSON object", what)}
	}

	var top map[string]json.RawMessage
	if err := json.Unmarshal(trimmed, &top); err != nil {
		// Offsets count from the body's first byte, not the trimmed one's.
		return nil, "", syntaxError(trimmed, err, len(body)-len(bytes.TrimLeftFunc(body, unicode.IsSpace)))
	}
	for _, key := range listKeys {
		raw, ok := top[key]
		if !ok {
			continue
		}
		if jsonKind(raw) == "object" {
			var nested map[string]json.RawMessage
			if err := json.Unmarshal(raw, &nested); err != nil {
				return nil, "", syntaxError(raw, err, 0)
			}
			inner, ok := nested["data"]
			if !ok {
				return nil, "", &bodyError{kind: FaultShape, err: fmt.Errorf("the response's %q is an object without a \"data\" list (keys: %s)", key, keyList(nested))}
			}
			key, raw = key+".data", inner
		}
		items, err := decodeList[T](key, raw)
		return items, key, err
	}
	return nil, "", &bodyError{kind: FaultShape, err: fmt.Errorf("the response has no list of items: want one of the keys %s, got keys %s", quoteAll(listKeys), keyList(top))}
}

// wire is an item as it arrives: it checks and converts itself into T,
// naming fields in its errors, never their values, and says how its id was
// spelled.
type wire[W, T any] interface {
	*W
	item() (T, error)
	id() flexID
}

// PageShape is what a page's body looked like, for the log of what the API
// did: names and counts, never a value.
type PageShape struct {
	// Envelope is the key path of the list: "data", "collectedCustomers",
	// "collectedCustomers.data", "chatbots", ...
	Envelope string
	// NumberIDs and StringIDs count the items whose id came as a JSON
	// number, and as a JSON string.
	NumberIDs, StringIDs int
}

// decodeItems finds the list under one of listKeys in a page body (see
// decodeEnvelope) and converts each item; noun names one in errors. When
// seen is not nil, it notes the page's shape there.
func decodeItems[W any, T any, PW wire[W, T]](body []byte, seen *PageShape, noun string, listKeys ...string) ([]T, error) {
	wires, key, err := decodeEnvelope[W](body, listKeys...)
	if err != nil {
		return nil, err
	}
	items := make([]T, len(wires))
	for i := range wires {
		if items[i], err = PW(&wires[i]).item(); err != nil {
			return nil, &bodyError{kind: FaultItem, err: fmt.Errorf("%s %d of the page is not usable: %v", noun, i+1, err)}
		}
	}
	if seen != nil {
		seen.Envelope = key
		for i := range wires {
			if PW(&wires[i]).id().number {
				seen.NumberIDs++
			} else {
				seen.StringIDs++
			}
		}
	}
	return items, nil
}

func decodeList[T any](key string, raw json.RawMessage) ([]T, error) {
	switch kind := jsonKind(raw); kind {
	case "null":
		return []T{}, nil
	case "array":
	default:
		return nil, &bodyError{kind: FaultShape, err: fmt.Errorf("the response's %q is a JSON %s, want a list", key, kind)}
	}
	items := []T{}
	if err := json.Unmarshal(raw, &items); err != nil {
		if _, ok := err.(*json.SyntaxError); ok {
			return nil, syntaxError(raw, err, 0)
		}
		return nil, &bodyError{kind: FaultItem, err: fmt.Errorf("the response's %q has an item that is not usable: %v", key, scrubJSONError(err))}
	}
	return items, nil
}

// syntaxError classifies JSON the decoder refused, err, by what happened.
// JSON that ends before it is complete is what a body cut short on its way
// looks like, and another try may bring all of it. JSON that is complete but
// malformed, or nested deeper than encoding/json allows, would arrive the same
// on every try. Neither message quotes the body. lead is how many bytes of
// the body came before data, to count byte offsets from the body's start.
func syntaxError(data []byte, err error, lead int) error {
	if endsEarly(data) {
		return &bodyError{kind: FaultCutShort, err: fmt.Errorf(
			"the response is not valid JSON: it ends after %d bytes, before the JSON is complete, so it was cut short on the way", lead+len(data))}
	}
	return &bodyError{kind: FaultInvalidJSON, err: fmt.Errorf("the response is not valid JSON: %s", invalidJSON(err, lead))}
}

// endsEarly reports whether data is the beginning of a JSON value that breaks
// off. json.Unmarshal does not always say so (a cut inside "true" is an
// invalid character to it); json.Decoder does, with io.ErrUnexpectedEOF.
func endsEarly(data []byte) bool {
	err := json.NewDecoder(bytes.NewReader(data)).Decode(new(json.RawMessage))
	return errors.Is(err, io.ErrUnexpectedEOF)
}

// invalidJSON says what is wrong with complete JSON, without the character
// encoding/json quotes from the body.
func invalidJSON(err error, lead int) string {
	var syntaxErr *json.SyntaxError
	if !errors.As(err, &syntaxErr) {
		return "malformed JSON"
	}
	switch msg := syntaxErr.Error(); {
	case strings.Contains(msg, "exceeded max depth"):
		return "nested deeper than the decoder allows"
	case strings.Contains(msg, "invalid character"):
		return fmt.Sprintf("invalid character at byte %d", int64(lead)+syntaxErr.Offset)
	}
	return fmt.Sprintf("syntax error at byte %d", int64(lead)+syntaxErr.Offset)
}

// scrubJSONError keeps encoding/json's description of what went wrong but
// drops anything quoted from the body itself.
func scrubJSONError(err error) string {
	switch e := err.(type) {
	case *json.SyntaxError:
		return fmt.Sprintf("syntax error at byte %d", e.Offset)
	case *json.UnmarshalTypeError:
		return fmt.Sprintf("field %q is a JSON %s", e.Field, e.Value)
	}
	msg := err.Error()
	if i := strings.Index(msg, "\""); i >= 0 && strings.Contains(msg, "invalid character") {
		return "malformed JSON"
	}
	return msg
}

func keyList(m map[string]json.RawMessage) string {
	if len(m) == 0 {
		return "none"
	}
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if len(keys) > 8 {
		keys = append(keys[:8], "…")
	}
	return quoteAll(keys)
}

func quoteAll(keys []string) string {
	q := make([]string, len(keys))
	for i, k := range keys {
		q[i] = fmt.Sprintf("%q", k)
	}
	return strings.Join(q, ", ")
}
