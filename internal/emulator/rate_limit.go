package emulator

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"
)

// RateLimit is a sliding window per API key, as Chatbase's newer API
// documents (100 requests per 10 s): at most Requests answers in any
// Window. A request past it is answered 429 with Retry-After (the whole
// seconds until the oldest request leaves the window, at least 1), and does
// not count against the window: a client that keeps asking is not locked
// out for good.
type RateLimit struct {
	Requests int
	Window   time.Duration
	// Headers adds X-RateLimit-Limit, X-RateLimit-Remaining and
	// X-RateLimit-Reset to every answer, the 429 included. Reset is when the
	// oldest request in the window leaves it (in Unix milliseconds, rounded
	// up), which is when the next request is allowed once Remaining is 0.
	Headers bool
	// ResetInSeconds writes X-RateLimit-Reset as Unix seconds, rounded up,
	// where Chatbase documents Unix milliseconds.
	ResetInSeconds bool
}

// ParseRateLimit reads a rate limit as the standalone emulator's
// -rate-limit flag writes it: N/DURATION, such as 100/10s.
func ParseRateLimit(s string) (RateLimit, error) {
	n, d, ok := strings.Cut(s, "/")
	requests, err := strconv.Atoi(strings.TrimSpace(n))
	if !ok || err != nil || requests < 1 {
		return RateLimit{}, fmt.Errorf("%q is not N/DURATION with N a whole number of requests, 1 or more, such as 100/10s", s)
	}
	window, err := time.ParseDuration(strings.TrimSpace(d))
	if err != nil || window <= 0 {
		return RateLimit{}, fmt.Errorf("%q is not N/DURATION with DURATION more than 0, such as 100/10s", s)
	}
	return RateLimit{Requests: requests, Window: window}, nil
}

// rateLimiter keeps, per key, when the requests still in the window were
// answered, oldest first.
type rateLimiter struct {
	RateLimit
	mu     sync.Mutex
	byKey  map[string][]time.Time
	denied int
}

func newRateLimiter(l RateLimit) *rateLimiter {
	return &rateLimiter{RateLimit: l, byKey: map[string][]time.Time{}}
}

// admit counts a request of key arriving at now against the window, and
// writes the headers the answer carries. It reports false, having answered
// 429, when the window is full.
func (l *rateLimiter) admit(w http.ResponseWriter, key string, now time.Time) bool {
	l.mu.Lock()
	times := l.byKey[key]
	kept := 0
	for kept < len(times) && !times[kept].After(now.Add(-l.Window)) {
		kept++
	}
	times = times[kept:]
	full := len(times) >= l.Requests
	if !full {
		times = append(times, now)
	} else {
		l.denied++
	}
	l.byKey[key] = times
	reset := times[0].Add(l.Window)
	remaining := l.Requests - len(times)
	l.mu.Unlock()

	if l.Headers {
		w.Header().Set("X-RateLimit-Limit", strconv.Itoa(l.Requests))
		w.Header().Set("X-RateLimit-Remaining", strconv.Itoa(remaining))
		// Rounded up, so that a client that waits until Reset never comes
		// before the request has left the window.
		ms := (reset.UnixMicro() + 999) / 1000
		if l.ResetInSeconds {
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt((ms+999)/1000, 10))
		} else {
			w.Header().Set("X-RateLimit-Reset", strconv.FormatInt(ms, 10))
		}
	}
	if full {
		wait := reset.Sub(now)
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int((wait+time.Second-1)/time.Second))))
		writeError(w, http.StatusTooManyRequests, "Too many requests")
		return false
	}
	return true
}

// deniedCount is how many requests were answered 429.
func (l *rateLimiter) deniedCount() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.denied
}
