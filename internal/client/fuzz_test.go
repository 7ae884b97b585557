package client

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// Fuzz targets for every function that turns bytes from the network into
// values: the page decoders of every list, the message of an error body,
// Retry-After, and a redirect's Location. `make fuzz` runs each for FUZZTIME;
// their seeds (fuzz_seeds_test.go, and testdata/fuzz for what fuzzing found)
// run in every go test. Each checks properties, not only that nothing
// panics.

// pageDecoder is one list's decoder with the ways to write its items back
// into a page body, each of which must decode to the same items.
type pageDecoder[T any] struct {
	decode func([]byte) ([]T, error)
	// envelopes write items as a page body in each envelope the list takes;
	// a writer may drop what its envelope cannot carry, as long as drop
	// drops the same from the decoded items.
	envelopes []func([]T) []byte
	drop      func(T) T
	id        func(T) string
}

// check decodes body and holds the result to the properties every page
// decoder has:
//   - an error comes with no items, and depends only on the body's shape,
//     never on the text of its string values, so it cannot quote them (they
//     are personal data);
//   - every item has an id;
//   - the items written back into a page body, in every envelope, decode to
//     the same items.
func (d pageDecoder[T]) check(t *testing.T, body []byte) {
	items, err := d.decode(body)
	blankItems, blankErr := d.decode(blankStringValues(body))
	if err != nil {
		if items != nil {
			t.Fatalf("got %d items and an error", len(items))
		}
		if blankErr == nil || blankErr.Error() != err.Error() {
			t.Fatalf("the error depends on the text of the body's values, so it may quote them:\n with them: %v\n blanked:   %v", err, blankErr)
		}
		return
	}
	if blankErr != nil || len(blankItems) != len(items) {
		t.Fatalf("blanking the body's string values changed the result: %d items, then %d and %v", len(items), len(blankItems), blankErr)
	}
	for i, it := range items {
		if d.id(it) == "" {
			t.Fatalf("item %d has no id", i+1)
		}
	}
	want := make([]T, len(items))
	for i, it := range items {
		want[i] = d.drop(it)
	}
	for _, write := range d.envelopes {
		again, err := d.decode(write(items))
		if err != nil {
			t.Fatalf("the items written back do not decode: %v\n%s", err, write(items))
		}
		if !reflect.DeepEqual(again, want) && !reflect.DeepEqual(again, items) {
			t.Fatalf("the items written back decode to other items:\n got %+v\nwant %+v", again, want)
		}
	}
}

// jsonString is a JSON string literal that encoding/json accepts, then
// whether a colon follows, which makes it a key.
var jsonString = regexp.MustCompile(`"(?:[^"\\\x00-\x1f]|\\["\\/bfnrt]|\\u[0-9a-fA-F]{4})*"(\s*:)?`)

// blankStringValues replaces the text of every JSON string value in body
// (keys are kept: an error may name them) with as many x's, so that the
// body's shape, its byte offsets and the validity of its JSON stay the same.
func blankStringValues(body []byte) []byte {
	return jsonString.ReplaceAllFunc(body, func(s []byte) []byte {
		if bytes.HasSuffix(s, []byte(":")) {
			return s
		}
		return []byte(`"` + strings.Repeat("x", len(s)-2) + `"`)
	})
}

// page writes items as {"key": [...]}, or {"key": {"data": [...]}} for a
// nested key "key.data".
func page(key string, items any) []byte {
	body := map[string]any{key: items}
	if outer, ok := strings.CutSuffix(key, ".data"); ok {
		body = map[string]any{outer: map[string]any{"data": items}}
	}
	b, err := json.Marshal(body)
	if err != nil {
		panic(err)
	}
	return b
}

func writeLeads(key string) func([]Lead) []byte {
	return func(leads []Lead) []byte {
		items := make([]map[string]any, len(leads))
		for i, l := range leads {
			items[i] = map[string]any{"id": l.ID, "created_at": l.CreatedAt, "chatbot_owner_user_id": l.ChatbotOwnerUserID,
				"chatbot_id": l.ChatbotID, "phone": l.Phone, "email": l.Email, "name": l.Name}
		}
		return page(key, items)
	}
}

var leadPages = pageDecoder[Lead]{
	decode: decodeLeads,
	envelopes: []func([]Lead) []byte{
		writeLeads("data"), writeLeads("collectedCustomers"), writeLeads("collectedCustomers.data"), writeLeads("data.data"),
	},
	drop: func(l Lead) Lead { return l },
	id:   func(l Lead) string { return l.ID },
}

func writeConversations(key string) func([]Conversation) []byte {
	return func(conversations []Conversation) []byte {
		items := make([]map[string]any, len(conversations))
		for i, c := range conversations {
			messages := make([]map[string]any, len(c.Messages))
			for j, m := range c.Messages {
				messages[j] = map[string]any{"role": m.Role, "content": m.Content}
			}
			items[i] = map[string]any{"id": c.ID, "created_at": c.CreatedAt, "chatbot_id": c.ChatbotID,
				"customer": c.Customer, "source": c.Source, "messages": messages}
		}
		return page(key, items)
	}
}

var conversationPages = pageDecoder[Conversation]{
	decode:    decodeConversations,
	envelopes: []func([]Conversation) []byte{writeConversations("data"), writeConversations("data.data")},
	drop:      func(c Conversation) Conversation { return c },
	id:        func(c Conversation) string { return c.ID },
}

// writeAgents writes agents in Chatzuri's spelling, or in Chatbase's, which
// has no owner.
func writeAgents(key string, chatbase bool) func([]Agent) []byte {
	return func(agents []Agent) []byte {
		items := make([]map[string]any, len(agents))
		for i, a := range agents {
			items[i] = map[string]any{"chatbot_id": a.ID, "chatbot_name": a.Name, "created_at": a.CreatedAt, "chatbot_owner_user_id": a.OwnerUserID}
			if chatbase {
				items[i] = map[string]any{"id": a.ID, "name": a.Name, "created_at": a.CreatedAt, "status": "active"}
			}
		}
		return page(key, items)
	}
}

// agentPagesIn is the agents' decoder, written back in Chatzuri's spelling or
// in Chatbase's.
func agentPagesIn(chatbase bool) pageDecoder[Agent] {
	d := pageDecoder[Agent]{
		decode:    decodeAgents,
		envelopes: []func([]Agent) []byte{writeAgents("chatbots", chatbase), writeAgents("chatbots.data", chatbase), writeAgents("data", chatbase)},
		drop:      func(a Agent) Agent { return a },
		id:        func(a Agent) string { return a.ID },
	}
	if chatbase {
		d.drop = func(a Agent) Agent { a.OwnerUserID = nil; return a }
	}
	return d
}

func FuzzDecodeLeads(f *testing.F) {
	addSeeds(f, emulatorPages("leads"),
		`{"data":[{"id":1,"email":"a@example.com"}]}`,
		`{"data":[{"id":"lead_1","name":null}]}`,
		`{"collectedCustomers":[{"id":9007199254740993,"phone":"+254700000000"}]}`,
		`{"collectedCustomers":{"data":[{"id":2,"created_at":"2026-01-01T00:00:00Z"}]}}`,
		`{"data":null}`, `{"data":[{"email":"x"}]}`, `{"data":[{"id":""}]}`, `{"data":[null]}`,
		`{"data":[{"id":{"nested":"secret-value"}}]}`, `{"data":[{"id":1,"name":{"first":"secret-value"}}]}`,
		`{"data":[{"id":1,"name":12.50,"phone":true}]}`, `{"data":[{"id":-0,"email":"\u00e9\ud800"}]}`,
		`{"data":[{"id":1e400}]}`, `{"collectedCustomers":{"items":[]}}`, `{"data":"secret-value"}`,
		`<html>502 Bad Gateway</html>`, `{"data":[{"id":1,"name":"Zo\u00eb"}`, `  {"data":[] } `,
		`[]`, ``, `null`, `{"message":"oops"}`, `{"data":[]}{"data":[]}`, `{"data":[{"id":1}]} x`,
	)
	f.Fuzz(func(t *testing.T, body []byte) { leadPages.check(t, body) })
}

func FuzzDecodeConversations(f *testing.F) {
	addSeeds(f, emulatorPages("conversations"),
		`{"data":[{"id":"c1","messages":[{"role":"user","content":"hi"},null,{"role":null}]}]}`,
		`{"data":[{"id":"c2","messages":null,"source":"WhatsApp"}]}`,
		`{"data":{"data":[{"id":3,"customer":"secret-value"}]}}`,
		`{"data":[{"id":"c4","messages":{"role":"user"}}]}`, `{"data":[{"id":"c5","messages":["secret-value"]}]}`,
		`{"collectedCustomers":[{"id":"c6"}]}`, `{"data":[{"id":"c7","messages":[{"content":["secret-value"]}]}]}`,
	)
	f.Fuzz(func(t *testing.T, body []byte) { conversationPages.check(t, body) })
}

func FuzzDecodeAgents(f *testing.F) {
	addSeeds(f, emulatorPages("agents"),
		`{"chatbots":[{"chatbot_id":"agt_1","chatbot_name":"Support","id":"other","name":"Other"}]}`,
		`{"chatbots":[{"id":"bot_1","name":null,"status":"active","model":"gpt-4o"}]}`,
		`{"chatbots":{"data":[{"chatbot_id":7}]}}`, `{"data":[{"id":"x"}]}`, `{"chatbots":[{"chatbot_id":null,"id":null}]}`,
		`{"chatbots":[{"chatbot_id":"","id":"bot_2"}]}`, `{"chatbots":[{"chatbot_id":"a","source_text":"secret-value"}]}`,
	)
	chatzuri, chatbase := agentPagesIn(false), agentPagesIn(true)
	f.Fuzz(func(t *testing.T, body []byte) {
		chatzuri.check(t, body)
		chatbase.check(t, body)
	})
}

// An id comes out as the exact text that was sent: a string as the JSON
// string decodes, a number digit for digit (past 2^53, with an exponent or
// a fraction), in every list and both agent spellings. An empty string is
// no id, and an error.
func FuzzItemIDsComeOutAsSent(f *testing.F) {
	for _, seed := range []struct{ id, number string }{
		{"lead_1", "1"}, {"", "9007199254740993"}, {"Zoë 王", "18446744073709551617"}, {"\xff", "-0"},
		{`"quoted"`, "1e400"}, {"\u2028", "12.50"}, {" ", "0.1e-7"}, {"a\x00b", "1E+2"}, {"x", "01"}, {"y", "1."},
	} {
		f.Add(seed.id, seed.number)
	}
	f.Fuzz(func(t *testing.T, id, number string) {
		wire, _ := json.Marshal(id)
		var sent string // as any JSON reader reads the string on the wire
		if err := json.Unmarshal(wire, &sent); err != nil {
			t.Fatal(err)
		}
		isNumber := json.Valid([]byte(number)) && jsonKind([]byte(number)) == "number" && strings.TrimSpace(number) == number
		for _, list := range []struct {
			name   string
			body   func(id string) []byte
			decode func([]byte) ([]string, error)
		}{
			{"leads", func(id string) []byte { return []byte(`{"data":[{"id":` + id + `}]}`) }, ids(decodeLeads, func(l Lead) string { return l.ID })},
			{"conversations", func(id string) []byte { return []byte(`{"data":[{"id":` + id + `}]}`) }, ids(decodeConversations, func(c Conversation) string { return c.ID })},
			{"agents (Chatzuri)", func(id string) []byte { return []byte(`{"chatbots":[{"chatbot_id":` + id + `}]}`) }, ids(decodeAgents, func(a Agent) string { return a.ID })},
			{"agents (Chatbase)", func(id string) []byte { return []byte(`{"chatbots":[{"id":` + id + `}]}`) }, ids(decodeAgents, func(a Agent) string { return a.ID })},
		} {
			got, err := list.decode(list.body(string(wire)))
			switch {
			case sent == "" && err == nil:
				t.Fatalf("%s: an empty id was accepted as %q", list.name, got)
			case sent != "" && (err != nil || len(got) != 1 || got[0] != sent):
				t.Fatalf("%s: id %q came out as %q, %v", list.name, sent, got, err)
			}
			if !isNumber {
				continue
			}
			got, err = list.decode(list.body(number))
			if err != nil || len(got) != 1 || got[0] != number {
				t.Fatalf("%s: the number %s came out as %q, %v", list.name, number, got, err)
			}
		}
	})
}

func ids[T any](decode func([]byte) ([]T, error), id func(T) string) func([]byte) ([]string, error) {
	return func(body []byte) ([]string, error) {
		items, err := decode(body)
		if err != nil {
			return nil, err
		}
		out := make([]string, len(items))
		for i, it := range items {
			out[i] = id(it)
		}
		return out, nil
	}
}

// The message taken from an error body is one of the body's own string
// values (its "message" or "error"), trimmed, or a fixed notice for an HTML
// page, or nothing; once the client has redacted and shortened it, it never
// holds the key, is valid UTF-8 and is at most maxMessageQuote bytes and an
// ellipsis.
func FuzzErrorMessage(f *testing.F) {
	addSeeds(f, emulatorFaults(),
		`{"message":"Unauthorized"}`, `{"error":"Invalid startDate"}`, `{"message":"","error":"fallback"}`,
		`{"message":12,"error":"not a string"}`, `{"Message":"any case"}`, `{"message":"  padded \n"}`,
		`{"message":"key `+testAPIKey+` echoed"}`, `{"message":"`+strings.Repeat("é", 200)+`"}`,
		`{"message":"`+strings.Repeat("a", 299)+testAPIKey+`"}`, `{"message":"\ud800"}`,
		`<!DOCTYPE html><title>502</title>`, `Bad Gateway`, `{"message":`, `null`, ``,
	)
	c := &Client{apiKey: testAPIKey}
	f.Fuzz(func(t *testing.T, body []byte) {
		msg := errorMessage(body)
		if !utf8.ValidString(msg) || strings.TrimSpace(msg) != msg {
			t.Fatalf("message %q is not trimmed, valid UTF-8", msg)
		}
		if msg != "" && msg != errorMessage([]byte("<html>")) && !isStringValueOf(body, msg) {
			t.Fatalf("message %q is none of the body's string values", msg)
		}
		apiErr := c.redact(&APIError{StatusCode: http.StatusBadRequest, Message: msg}).(*APIError)
		if strings.Contains(apiErr.Error(), testAPIKey) {
			t.Fatalf("the error quotes the key: %s", apiErr)
		}
		if !utf8.ValidString(apiErr.Message) || len(apiErr.Message) > maxMessageQuote+len("…") {
			t.Fatalf("the quoted message is %d bytes or not valid UTF-8: %q", len(apiErr.Message), apiErr.Message)
		}
	})
}

// isStringValueOf reports whether msg is, trimmed, one of the string values
// of body's top-level object.
func isStringValueOf(body []byte, msg string) bool {
	var top map[string]json.RawMessage
	if json.Unmarshal(body, &top) != nil {
		return false
	}
	for _, raw := range top {
		var s string
		if json.Unmarshal(raw, &s) == nil && strings.TrimSpace(s) == msg {
			return true
		}
	}
	return false
}

// A Retry-After, in seconds or as an HTTP date, is a wait of 0 to 24 hours
// or none at all, whatever the clock says; the client waits no longer than
// RetryAfterMax between tries, and the gate holds new requests no longer.
func FuzzRetryAfter(f *testing.F) {
	now := time.Date(2026, 1, 5, 9, 30, 0, 0, time.UTC)
	for _, a := range emulatorFaultAnswers() {
		if a.retryAfter != "" {
			f.Add(a.retryAfter, now.Unix())
		}
	}
	for _, v := range []string{
		"0", "1", "120", "86400", "86401", "3600000000000", "9223372036854775807", "-1", "+5", " 5", "1.5", "",
		"Mon, 05 Jan 2026 09:31:00 GMT", "Monday, 05-Jan-26 09:31:00 GMT", "Mon Jan  5 09:31:00 2026",
		"Mon, 05 Jan 2026 09:29:00 GMT", "Mon, 01 Jan 0001 00:00:00 GMT",
	} {
		f.Add(v, now.Unix())
	}
	f.Fuzz(func(t *testing.T, v string, nowUnix int64) {
		wait, ok := parseRetryAfter(v, time.Unix(nowUnix, 0))
		if wait < 0 || wait > maxRetryAfter || (!ok && wait != 0) {
			t.Fatalf("Retry-After %q: %v, %v; want none, or 0 to %v", v, wait, ok, maxRetryAfter)
		}
		if secs, err := strconv.ParseInt(v, 10, 64); err == nil && secs >= 0 && secs <= int64(maxRetryAfter/time.Second) {
			if !ok || wait != time.Duration(secs)*time.Second {
				t.Fatalf("Retry-After %q: %v, %v; want %d seconds", v, wait, ok, secs)
			}
		}

		cfg := fastConfig("http://127.0.0.1:1")
		c, err := New(cfg)
		if err != nil {
			t.Fatal(err)
		}
		for _, status := range []int{http.StatusTooManyRequests, http.StatusServiceUnavailable} {
			resp := &http.Response{StatusCode: status, Header: http.Header{"Retry-After": {v}}}
			if w := c.backoff(cfg.RetryWaitMin, cfg.RetryWaitMax, 0, resp); w < 0 || w > max(cfg.RetryAfterMax, cfg.RetryWaitMax) {
				t.Fatalf("Retry-After %q on a %d: the client waits %v, want 0 to %v", v, status, w, cfg.RetryAfterMax)
			}
		}
		g := newGate(4, cfg.RetryAfterMax)
		g.inflight = 1
		g.release(&http.Response{StatusCode: http.StatusTooManyRequests, Header: http.Header{"Retry-After": {v}}})
		if held := time.Until(g.resumeAt); held > cfg.RetryAfterMax {
			t.Fatalf("Retry-After %q: the gate holds new requests for %v, past its cap of %v", v, held, cfg.RetryAfterMax)
		}
	})
}

// A redirect is followed only to base_url's origin; whatever the Location,
// the refusal names origins, never a path, query, fragment or user info.
func FuzzRedirectLocation(f *testing.F) {
	for _, loc := range []string{
		"/api/v1/get-leads?agentId=agt_1&page=2", "https://api.example.test/api/v2/", "https://API.example.test:443/x",
		"http://api.example.test/api/v1/get-leads?token=secret-value", "https://api.example.test:8443/", "https://evil.test/?key=secret-value",
		"https://user:secret-value@api.example.test/", "//evil.test/path-secret-value", "https://api.example.test.evil.test/",
		"https://api.example.test./", "https://[::1]:443/", "HTTPS://api.example.test/#fragment-secret-value", "ftp://api.example.test/",
	} {
		f.Add(loc)
	}
	base, _ := url.Parse("https://api.example.test/api/v1/get-leads?agentId=agt_1&page=1")
	first := &http.Request{URL: base}
	f.Fuzz(func(t *testing.T, location string) {
		u, err := base.Parse(location)
		if err != nil {
			return // net/http refuses it before the policy is asked
		}
		err = checkRedirect(&http.Request{URL: u, Response: &http.Response{StatusCode: http.StatusFound}}, []*http.Request{first})
		sameOrigin := strings.EqualFold(u.Scheme, "https") && strings.EqualFold(u.Hostname(), "api.example.test") && (u.Port() == "" || u.Port() == "443")
		if err == nil {
			if !sameOrigin {
				t.Fatalf("followed a redirect to %s, another origin", u.Redacted())
			}
			return
		}
		refused, ok := err.(*RedirectError)
		if !ok {
			t.Fatalf("refused with %T, want a *RedirectError", err)
		}
		said := refused.Error() + refused.Summary() + refused.Fix()
		pass, _ := u.User.Password()
		for _, part := range []string{u.RawQuery, u.Fragment, u.EscapedPath(), u.User.Username(), pass} {
			if len(part) >= 8 && !strings.Contains(refused.From+refused.To, part) && strings.Contains(said, part) {
				t.Fatalf("the refusal quotes %q from the Location:\n%s", part, said)
			}
		}
	})
}
