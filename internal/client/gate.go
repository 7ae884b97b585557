package client

import (
	"context"
	"errors"
	"io"
	"net/http"
	"sync"
	"time"
)

// gate bounds the requests in flight for everything that shares one
// Client: every data source of a provider instance. A request holds its
// place from the moment it is sent until its body is closed; waits between
// retries hold none.
//
// It also slows the whole client down when the API pushes back: a 429 halves
// the number of places (down to one) and, with a Retry-After, holds every
// new request until that time; each run of successes as long as the current
// limit gives one place back, up to the configured maximum.
//
// When the API sends rate-limit headers (rate_limit.go), the gate paces by
// them instead of learning from 429s. The lowest X-RateLimit-Remaining its
// answers gave is what the server had left after every request answered so
// far (a count only falls, and an answer is not back before its request was
// counted); the requests still unanswered may be counted next, whatever
// order they reach the server in. So the budget is that lowest Remaining
// less the requests in flight. Once it is spent, new requests wait until
// X-RateLimit-Reset (at most RetryAfterMax); then one request goes alone,
// and its answer's Remaining starts the count again: a fixed window is whole
// again, a sliding one has freed what has left it. Without the headers none
// of this happens, and the gate is as it was.
type gate struct {
	mu        sync.Mutex
	max       int
	limit     int
	inflight  int
	successes int
	resumeAt  time.Time
	changed   chan struct{} // closed and replaced whenever a waiter may proceed

	retryAfterMax time.Duration

	// The API's own budget, known once an answer has carried the headers.
	sent        uint64    // requests sent so far; the n-th is number n
	budgetKnown bool      // an answer has carried the headers
	remaining   int       // the lowest Remaining since the count began
	budgetReset time.Time // when the window frees, at most retryAfterMax after it was learned
	probe       uint64    // the number of the request out alone to begin the count again; 0 if none

	peak int // the most requests ever in flight at once
}

func newGate(maxInFlight int, retryAfterMax time.Duration) *gate {
	return &gate{max: maxInFlight, limit: maxInFlight, changed: make(chan struct{}), retryAfterMax: retryAfterMax}
}

// errAbandoned is returned for a request given up while it waited for a
// place: it was never sent.
var errAbandoned = errors.New("request abandoned before it was sent")

type abandonKey struct{}

// withAbandon returns a context whose requests give up their wait for a
// place, unsent, once abandon is closed; requests already sent go on.
func withAbandon(ctx context.Context, abandon <-chan struct{}) context.Context {
	return context.WithValue(ctx, abandonKey{}, abandon)
}

// acquire waits for a place, or for ctx to end or its requests to be
// abandoned.
func (g *gate) acquire(ctx context.Context) error {
	_, err := g.take(ctx)
	return err
}

// take is acquire, giving the request's number, for answer.
func (g *gate) take(ctx context.Context) (uint64, error) {
	abandon, _ := ctx.Value(abandonKey{}).(<-chan struct{})
	var timer *time.Timer
	defer func() {
		if timer != nil {
			timer.Stop()
		}
	}()
	for {
		g.mu.Lock()
		now := time.Now()
		wait := g.resumeAt.Sub(now)
		if wait <= 0 && g.inflight < g.limit {
			var paced, probe bool
			if wait, paced, probe = g.pace(now); paced {
				g.inflight++
				g.peak = max(g.peak, g.inflight)
				g.sent++
				n := g.sent
				if probe {
					g.probe = n
				}
				g.mu.Unlock()
				return n, nil
			}
		}
		changed := g.changed
		g.mu.Unlock()

		var expired <-chan time.Time
		if wait > 0 {
			if timer == nil {
				timer = time.NewTimer(wait)
			} else {
				timer.Reset(wait)
			}
			expired = timer.C
		}
		select {
		case <-ctx.Done():
			return 0, ctx.Err()
		case <-abandon:
			return 0, errAbandoned
		case <-changed:
		case <-expired:
		}
	}
}

// pace says whether the API's budget lets a request go now, and whether it
// goes alone as the probe; if not, how long to wait (0: until an answer
// changes things). The caller holds mu.
func (g *gate) pace(now time.Time) (wait time.Duration, ok, probe bool) {
	switch {
	case !g.budgetKnown, g.remaining-g.inflight > 0:
		return 0, true, false
	case now.Before(g.budgetReset):
		return g.budgetReset.Sub(now), false, false
	case g.probe != 0, g.inflight > 0:
		// A probe is out, or answers that may begin the count again are.
		return 0, false, false
	}
	return 0, true, true
}

// learnBudget takes what the rate-limit headers of the answer to request n
// say. The probe's answer, or the first, begins the count; any other can
// only lower it: answers overtake each other, and a higher Remaining is
// either older or a window freeing, which the next probe will learn. Reset
// comes with the lowest Remaining: it is the latest the server said. The
// caller holds mu.
func (g *gate) learnBudget(r rateLimit, n uint64, now time.Time) {
	switch {
	case !g.budgetKnown, n == g.probe:
		g.remaining = r.remaining
	case r.remaining <= g.remaining:
		g.remaining = r.remaining
	default:
		return
	}
	g.budgetKnown = true
	g.budgetReset = r.reset
	if limit := now.Add(g.retryAfterMax); g.budgetReset.After(limit) {
		g.budgetReset = limit
	}
}

// release gives a place back and learns from the response's status and
// rate-limit headers, as the answer to the request sent last.
func (g *gate) release(resp *http.Response) {
	g.mu.Lock()
	n := g.sent
	g.mu.Unlock()
	g.answer(resp, n)
}

// answer gives request n's place back and learns from its answer's status
// and rate-limit headers.
func (g *gate) answer(resp *http.Response, n uint64) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight--
	now := time.Now()
	var limits rateLimit
	if resp != nil {
		limits = parseRateLimit(resp.Header, now)
		if limits.paces() {
			g.learnBudget(limits, n, now)
		}
	}
	if n == g.probe {
		// Answered, with the headers or without: the next may go.
		g.probe = 0
	}
	switch {
	case resp != nil && resp.StatusCode == http.StatusTooManyRequests:
		g.limit = max(1, g.limit/2)
		g.successes = 0
		wait, ok := limits.retryAfter, limits.hasRetryAfter
		if !ok && !limits.reset.IsZero() {
			// No Retry-After: the window's Reset says when to go on.
			wait, ok = max(limits.reset.Sub(now), 0), true
		}
		if ok {
			if until := now.Add(min(wait, g.retryAfterMax)); until.After(g.resumeAt) {
				g.resumeAt = until
			}
		}
	case resp != nil && isSuccess(resp.StatusCode):
		g.successes++
		if g.limit < g.max && g.successes >= g.limit {
			g.limit++
			g.successes = 0
		}
	}
	close(g.changed)
	g.changed = make(chan struct{})
}

// state reports the current limit and the peak in flight (tests, benchmarks).
func (g *gate) state() (limit, peak int) {
	g.mu.Lock()
	defer g.mu.Unlock()
	return g.limit, g.peak
}

// gatedTransport passes requests through a gate.
type gatedTransport struct {
	gate *gate
	next http.RoundTripper
}

func (t gatedTransport) RoundTrip(req *http.Request) (*http.Response, error) {
	n, err := t.gate.take(req.Context())
	if err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.gate.answer(nil, n)
		return nil, err
	}
	notePageInfo(req, resp)
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: func() { t.gate.answer(resp, n) }}
	return resp, nil
}

// releasingBody gives the request's place back when the body is closed,
// once, however often Close is called.
type releasingBody struct {
	io.ReadCloser
	once    sync.Once
	release func()
}

func (b *releasingBody) Close() error {
	err := b.ReadCloser.Close()
	b.once.Do(b.release)
	return err
}
