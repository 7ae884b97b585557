package client

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net"
	"net/http"
	"strings"
	"time"
	"unicode/utf8"
)

// maxMessageBytes bounds how much of an error body is read; maxMessageQuote
// how much of its message is quoted.
const (
	maxMessageBytes = 4 << 10
	maxMessageQuote = 300
)

// APIError is a response with a status other than 2xx.
type APIError struct {
	StatusCode int
	// Message is the API's own explanation, when the body carried one.
	Message string
	// Attempts is how many tries were made before giving up.
	Attempts int
}

func (e *APIError) Error() string {
	msg := fmt.Sprintf("the API answered %d %s", e.StatusCode, http.StatusText(e.StatusCode))
	if e.Message != "" {
		msg += fmt.Sprintf(" (%q)", e.Message)
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d tries", e.Attempts)
	}
	return msg
}

// ExplainedError is a failure the client can explain better than its
// caller: a refused redirect (*RedirectError), a proxy's refusal
// (*ProxyError). Error says what happened, Fix what to do.
type ExplainedError interface {
	error
	// Summary is a one-line title for the failure.
	Summary() string
	// Fix says what to do about it, in sentences.
	Fix() string
}

// TransportError is a failure to get any usable response: connection errors,
// timeouts, unreadable bodies.
type TransportError struct {
	Attempts int
	Err      error
	// Fault is FaultRead when the response began but its body broke off;
	// "" otherwise.
	Fault BodyFault
	// TryTimeout is the time each try was allowed.
	TryTimeout time.Duration
}

func (e *TransportError) Error() string {
	what := "the request failed"
	if e.Timeout() {
		what = "the request timed out"
	}
	if e.Attempts > 1 {
		return fmt.Sprintf("%s after %d tries: %v", what, e.Attempts, e.Err)
	}
	return fmt.Sprintf("%s: %v", what, e.Err)
}

func (e *TransportError) Unwrap() error { return e.Err }

// Timeout reports whether the last try ran out of time, as opposed to being
// refused or cut off.
func (e *TransportError) Timeout() bool {
	var netErr net.Error
	if errors.As(e.Err, &netErr) && netErr.Timeout() {
		return true
	}
	return errors.Is(e.Err, context.DeadlineExceeded)
}

// ResponseError is a 2xx response whose body could not be used: not JSON,
// cut off, or of an unexpected shape.
type ResponseError struct {
	Attempts int
	Err      error
	// Fault is what was wrong with the body. FaultCutShort is a response
	// cut short on its way, tried again on every retry; FaultInvalidJSON a
	// complete body that is not valid JSON (malformed, or nested deeper than
	// the decoder allows), which another try would bring again, so it was
	// not retried. Valid JSON of another shape (FaultShape, FaultItem)
	// points at a different API instead.
	Fault BodyFault
}

func (e *ResponseError) Error() string {
	if e.Attempts > 1 {
		return fmt.Sprintf("unusable response after %d tries: %v", e.Attempts, e.Err)
	}
	return fmt.Sprintf("unusable response: %v", e.Err)
}

func (e *ResponseError) Unwrap() error { return e.Err }

// PageError says which page of a listing failed.
type PageError struct {
	Path string
	Page int
	Err  error
}

func (e *PageError) Error() string {
	return fmt.Sprintf("reading page %d of %s: %v", e.Page, e.Path, e.Err)
}

func (e *PageError) Unwrap() error { return e.Err }

// BodyFault is what was wrong with a 2xx response's body: the one field a
// ResponseError (or, for FaultRead, a TransportError) carries to say so.
// Its value names the fault in logs.
type BodyFault string

const (
	// FaultRead: the body broke off while it was being read.
	FaultRead BodyFault = "read"
	// FaultCutShort: the body's JSON ends before it is complete.
	FaultCutShort BodyFault = "cut short"
	// FaultInvalidJSON: the body is complete, but not valid JSON.
	FaultInvalidJSON BodyFault = "invalid JSON"
	// FaultEmpty: the body is empty.
	FaultEmpty BodyFault = "empty"
	// FaultSize: the body is larger than Config.MaxBodyBytes.
	FaultSize BodyFault = "size"
	// FaultShape: valid JSON, but not an envelope with a list of items.
	FaultShape BodyFault = "shape"
	// FaultItem: an item of the list is not usable.
	FaultItem BodyFault = "item"
)

// retryable reports whether another try could bring a usable body.
func (f BodyFault) retryable() bool {
	return f == FaultRead || f == FaultCutShort
}

// bodyError is a 2xx response whose body could not be used. Retryable ones
// (cut off while reading) are tried again; the rest say what arrived.
type bodyError struct {
	kind BodyFault
	err  error
}

func (e *bodyError) Error() string { return e.err.Error() }
func (e *bodyError) Unwrap() error { return e.err }

func newAPIError(resp *http.Response, attempts int) *APIError {
	body, _ := io.ReadAll(io.LimitReader(resp.Body, maxMessageBytes))
	return &APIError{StatusCode: resp.StatusCode, Message: errorMessage(body), Attempts: attempts}
}

// errorMessage pulls the API's explanation out of an error body: the
// "message" (or "error") string of a JSON object. Other bodies are not
// quoted, as they could hold anything; an HTML page is named as such.
func errorMessage(body []byte) string {
	if jsonKind(body) == "HTML" {
		return "the body is an HTML page, not JSON: a proxy or gateway answered instead of the API"
	}
	var parsed struct {
		Message json.RawMessage `json:"message"`
		Error   json.RawMessage `json:"error"`
	}
	if json.Unmarshal(body, &parsed) != nil {
		return ""
	}
	for _, raw := range []json.RawMessage{parsed.Message, parsed.Error} {
		var s string
		if json.Unmarshal(raw, &s) == nil && s != "" {
			// Shortened only after the client has redacted it: see redact.
			return strings.TrimSpace(s)
		}
	}
	return ""
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n] + "…"
}
