package emulator

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"mime"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Method is which HTTP method the list endpoints take; the other is
// answered 405, as a server of one of Chatzuri's disagreeing pages would.
type Method int

const (
	// MethodGET takes GET with the parameters in the query, as Chatzuri's
	// current pages document. The default.
	MethodGET Method = iota
	// MethodPOST takes POST with the parameters in a JSON body, as older
	// pages document get-leads (and the Get Chatbots page's endpoint line
	// says); GET is answered 405.
	MethodPOST
	// MethodNone answers 405 to both.
	MethodNone
)

// ParseMethod reads a Method as the standalone emulator's -method flag
// writes it: GET, POST or none, in any case.
func ParseMethod(s string) (Method, error) {
	switch {
	case strings.EqualFold(s, "GET"):
		return MethodGET, nil
	case strings.EqualFold(s, "POST"):
		return MethodPOST, nil
	case strings.EqualFold(s, "none"):
		return MethodNone, nil
	}
	return 0, fmt.Errorf("%q is not a method: use GET, POST or none", s)
}

// allows reports whether the list endpoints take method.
func (m Method) allows(method string) bool {
	switch m {
	case MethodGET:
		return method == http.MethodGet
	case MethodPOST:
		return method == http.MethodPost
	}
	return false
}

// maxBodyBytes bounds a POST's body: a list's parameters are a few dozen bytes.
const maxBodyBytes = 64 << 10

// bodyParams are a POST's parameters, read from its JSON body alone (the
// query is ignored, so that a client that sends the body wrong is found
// out): a JSON object whose page and size, when present, are whole JSON
// numbers, and whose other values are JSON strings, as the query's would
// be. Anything else is an error that says what is wrong, for a 400 or 415.
func bodyParams(r *http.Request) (url.Values, int, error) {
	if ct, _, err := mime.ParseMediaType(r.Header.Get("Content-Type")); err != nil || ct != "application/json" {
		return nil, http.StatusUnsupportedMediaType, fmt.Errorf("Content-Type must be application/json")
	}
	raw, err := io.ReadAll(io.LimitReader(r.Body, maxBodyBytes+1))
	if err != nil || len(raw) > maxBodyBytes {
		return nil, http.StatusBadRequest, fmt.Errorf("the body could not be read")
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(raw, &fields); err != nil || fields == nil {
		return nil, http.StatusBadRequest, fmt.Errorf("the body must be a JSON object")
	}
	params := url.Values{}
	for name, v := range fields {
		switch name {
		case "page", "size":
			// A string such as "1" is refused: it is a number in JSON.
			i, err := strconv.ParseInt(string(bytes.TrimSpace(v)), 10, 64)
			if err != nil {
				return nil, http.StatusBadRequest, fmt.Errorf("%s must be a whole JSON number", name)
			}
			params.Set(name, strconv.FormatInt(i, 10))
		default:
			var s string
			if json.Unmarshal(v, &s) != nil {
				return nil, http.StatusBadRequest, fmt.Errorf("%s must be a JSON string", name)
			}
			params.Set(name, s)
		}
	}
	return params, 0, nil
}
