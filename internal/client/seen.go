package client

import (
	"context"
	"net/http"
	"slices"
	"strconv"
	"strings"
	"time"
)

// Chatzuri's pages disagree with each other and with Chatbase's, and the
// live API's real shape is unknown (../shared/chatzuri-api.md in the team's
// workspace): so every read logs once, at DEBUG, what the API's answers
// showed (Seen), in names and counts that carry no personal data. A user
// attaches those lines to a bug report (the troubleshooting guide says how),
// and that is how the provider learns the live API.

// pageInfo is what answering one page showed besides its items.
type pageInfo struct {
	shape PageShape
	// method is the method the page was asked with last; fellBack is set
	// when the other was answered 405 first.
	method   string
	fellBack bool
	// status is the status of the answer that gave the page (2xx), 0 if none.
	status int
	items  int
	// rateLimit names the rate-limit headers any try's answer carried, and
	// resetUnit how X-RateLimit-Reset read.
	rateLimit []string
	resetUnit ResetUnit
}

type pageInfoKey struct{}

// notePageInfo records in the page's info, when the request's context
// carries one, the rate-limit headers of one try's answer. The tries of a
// page are made one after another, so it needs no lock.
func notePageInfo(req *http.Request, resp *http.Response) {
	info, ok := req.Context().Value(pageInfoKey{}).(*pageInfo)
	if !ok {
		return
	}
	info.rateLimit = appendNew(info.rateLimit, headersSent(resp.Header)...)
	if _, unit := parseReset(resp.Header.Get(headerReset), time.Now()); unit != "" {
		info.resetUnit = unit
	}
}

// Seen is what a read's answers showed: the envelopes the lists came in, how
// ids were spelled, the methods and statuses that answered, the largest page
// served, and the rate-limit headers sent. Names and counts only.
type Seen struct {
	Envelopes            []string
	NumberIDs, StringIDs int
	// Methods are as answered: "GET", "POST", or "POST after 405 to GET".
	Methods          []string
	Statuses         []int
	LargestPage      int
	RateLimitHeaders []string
	ResetUnits       []ResetUnit
}

// add notes one page.
func (s *Seen) add(p pageInfo) {
	if p.shape.Envelope != "" {
		s.Envelopes = appendNew(s.Envelopes, p.shape.Envelope)
	}
	s.NumberIDs += p.shape.NumberIDs
	s.StringIDs += p.shape.StringIDs
	if p.method != "" {
		s.addMethod(p.method, p.fellBack)
	}
	if p.status != 0 {
		s.Statuses = appendNew(s.Statuses, p.status)
	}
	s.LargestPage = max(s.LargestPage, p.items)
	s.RateLimitHeaders = appendNew(s.RateLimitHeaders, p.rateLimit...)
	if p.resetUnit != "" {
		s.ResetUnits = appendNew(s.ResetUnits, p.resetUnit)
	}
}

// addMethod notes that method answered, after a 405 to the other method
// when fellBack is set. Once a path took the other method, its later pages
// ask that first (methodMemory): they are the same finding, noted once.
func (s *Seen) addMethod(method string, fellBack bool) {
	after := method + " after 405 to " + otherMethod(method)
	switch {
	case fellBack:
		s.Methods = appendNew(slices.DeleteFunc(s.Methods, func(m string) bool { return m == method }), after)
	case !slices.Contains(s.Methods, after):
		s.Methods = appendNew(s.Methods, method)
	}
}

// merge adds what another read of the same list showed.
func (s *Seen) merge(o Seen) {
	s.Envelopes = appendNew(s.Envelopes, o.Envelopes...)
	s.NumberIDs += o.NumberIDs
	s.StringIDs += o.StringIDs
	for _, m := range o.Methods {
		if before, _, fellBack := strings.Cut(m, " after 405 to "); fellBack {
			s.addMethod(before, true)
		} else {
			s.addMethod(m, false)
		}
	}
	s.Statuses = appendNew(s.Statuses, o.Statuses...)
	s.LargestPage = max(s.LargestPage, o.LargestPage)
	s.RateLimitHeaders = appendNew(s.RateLimitHeaders, o.RateLimitHeaders...)
	s.ResetUnits = appendNew(s.ResetUnits, o.ResetUnits...)
}

// appendNew appends the values not already in list, in order.
func appendNew[E comparable](list []E, values ...E) []E {
	for _, v := range values {
		if !slices.Contains(list, v) {
			list = append(list, v)
		}
	}
	return list
}

// idTypes says how ids were spelled: "number", "string", "number and
// string", or "none" when no item arrived.
func (s Seen) idTypes() string {
	switch {
	case s.NumberIDs > 0 && s.StringIDs > 0:
		return "number and string"
	case s.NumberIDs > 0:
		return "number"
	case s.StringIDs > 0:
		return "string"
	}
	return "none"
}

// logSeen logs, once per read, what the API's answers to it showed.
func (c *Client) logSeen(ctx context.Context, path string, pageSize int, s Seen) {
	statuses := make([]string, len(s.Statuses))
	for i, st := range s.Statuses {
		statuses[i] = strconv.Itoa(st)
	}
	units := make([]string, len(s.ResetUnits))
	for i, u := range s.ResetUnits {
		units[i] = string(u)
	}
	c.log.Debug(ctx, "chatzuri: what the API answered", map[string]any{
		"path":               path,
		"method":             orNone(strings.Join(s.Methods, ", ")),
		"status":             orNone(strings.Join(statuses, ", ")),
		"envelope":           orNone(strings.Join(s.Envelopes, ", ")),
		"id_types":           s.idTypes(),
		"page_size_asked":    pageSize,
		"page_size_served":   s.LargestPage,
		"rate_limit_headers": orNone(strings.Join(s.RateLimitHeaders, ", ")),
		"rate_limit_reset":   orNone(strings.Join(units, ", ")),
	})
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
