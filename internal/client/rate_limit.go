package client

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"
)

// The rate-limit headers Chatbase's newer API documents, and Chatzuri, which
// copies Chatbase, may send: the window's size, what is left of it, and when
// it frees. Retry-After (seconds) comes on a 429.
const (
	headerLimit     = "X-RateLimit-Limit"
	headerRemaining = "X-RateLimit-Remaining"
	headerReset     = "X-RateLimit-Reset"
	headerRetry     = "Retry-After"
)

// maxResetAhead bounds how far ahead a Reset is believed, as parseRetryAfter
// bounds Retry-After; the gate waits at most RetryAfterMax anyway.
const maxResetAhead = 24 * time.Hour

// How a Reset's magnitude tells its unit. Chatbase documents Unix time in
// milliseconds; other APIs send Unix seconds (GitHub) or seconds to wait
// (the IETF RateLimit draft). The ranges cannot overlap for any time this
// code will see: a Unix time in milliseconds is at least 1e12 since
// September 2001, one in seconds below 1e12 until the year 33658, and at
// least 1e9 since 2001 too. Below 1e9 (31 years) a value can only be a
// delay, which is read as seconds: a delay in milliseconds would be read as
// 1000 times too long, and is then cut to RetryAfterMax by the gate, so such
// a server costs a slower read, never a burst.
const (
	unixMillisFrom  = 1e12
	unixSecondsFrom = 1e9
)

// ResetUnit is how an X-RateLimit-Reset was read.
type ResetUnit string

const (
	ResetUnixMillis   ResetUnit = "unix_ms"
	ResetUnixSeconds  ResetUnit = "unix_s"
	ResetDeltaSeconds ResetUnit = "delta_s"
)

// rateLimit is what one response's rate-limit headers say, each part only
// when its header is present and usable.
type rateLimit struct {
	// limit is X-RateLimit-Limit, the requests a window allows; 0 when unknown.
	limit int
	// remaining is X-RateLimit-Remaining; hasRemaining says it was sent.
	remaining    int
	hasRemaining bool
	// reset is when the window frees (X-RateLimit-Reset), never more than
	// maxResetAhead after now; zero when unknown. resetUnit is how it was read.
	reset     time.Time
	resetUnit ResetUnit
	// retryAfter is Retry-After's wait; hasRetryAfter says it was sent.
	retryAfter    time.Duration
	hasRetryAfter bool
}

// paces reports whether the headers say enough to pace by: what is left of
// the window, and when it frees.
func (r rateLimit) paces() bool { return r.hasRemaining && !r.reset.IsZero() }

// parseRateLimit reads a response's rate-limit headers as of now. It is
// pure, and never fails: a header that is absent or cannot be read is
// unknown, and the client then behaves as without it.
func parseRateLimit(h http.Header, now time.Time) rateLimit {
	var r rateLimit
	if n, ok := headerCount(h.Get(headerLimit)); ok && n > 0 {
		r.limit = n
	}
	r.remaining, r.hasRemaining = headerCount(h.Get(headerRemaining))
	r.reset, r.resetUnit = parseReset(h.Get(headerReset), now)
	r.retryAfter, r.hasRetryAfter = parseRetryAfter(h.Get(headerRetry), now)
	return r
}

// headerCount reads a whole number of requests, 0 or more. The IETF draft's
// list form ("100, 100;w=10") gives its first item.
func headerCount(v string) (int, bool) {
	if i := strings.IndexAny(v, ",;"); i >= 0 {
		v = v[:i]
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < 0 {
		return 0, false
	}
	return n, true
}

// parseReset reads an X-RateLimit-Reset by its magnitude (see
// unixMillisFrom): a Unix time in milliseconds or seconds, or a delay in
// seconds, whole or fractional. A time in the past is kept: the window has
// freed already.
func parseReset(v string, now time.Time) (time.Time, ResetUnit) {
	f, err := strconv.ParseFloat(strings.TrimSpace(v), 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) || f < 0 {
		return time.Time{}, ""
	}
	limit := now.Add(maxResetAhead)
	// The whole units and the fraction apart, so that a time in
	// milliseconds keeps every digit: float64 holds them exactly.
	whole, frac := math.Modf(f)
	switch {
	case f >= unixMillisFrom:
		if whole >= float64(limit.UnixMilli()) {
			return limit, ResetUnixMillis
		}
		return time.UnixMilli(int64(whole)).Add(time.Duration(frac * float64(time.Millisecond))), ResetUnixMillis
	case f >= unixSecondsFrom:
		if whole >= float64(limit.Unix()) {
			return limit, ResetUnixSeconds
		}
		return time.Unix(int64(whole), int64(frac*float64(time.Second))), ResetUnixSeconds
	}
	if f >= maxResetAhead.Seconds() {
		return limit, ResetDeltaSeconds
	}
	return now.Add(time.Duration(f * float64(time.Second))), ResetDeltaSeconds
}

// headersSent names the rate-limit headers a response carried, for the log.
func headersSent(h http.Header) []string {
	var sent []string
	for _, name := range []string{headerLimit, headerRemaining, headerReset, headerRetry} {
		if len(h.Values(name)) > 0 {
			sent = append(sent, name)
		}
	}
	return sent
}
