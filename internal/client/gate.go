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
// them instead of learning from 429s: it keeps the budget the last answer
// gave (X-RateLimit-Remaining, less the requests still in flight, which the
// server may not have counted yet), spends one per request sent, and once it
// is spent holds new requests until X-RateLimit-Reset (at most
// RetryAfterMax). Then one request goes alone, and its answer gives the new
// budget: a fixed window is whole again, a sliding one has freed a little.
// Without the headers none of this happens, and the gate is as it was.
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
	budgetKnown bool
	budget      int       // requests left in the window, as far as the gate knows
	budgetReset time.Time // when the window frees, at most retryAfterMax after it was learned
	probing     bool      // the budget was spent and has reset: one request is out to learn the new one

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
			var paced bool
			if wait, paced = g.pace(now); paced {
				g.inflight++
				g.peak = max(g.peak, g.inflight)
				g.mu.Unlock()
				return nil
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
			return ctx.Err()
		case <-abandon:
			return errAbandoned
		case <-changed:
		case <-expired:
		}
	}
}

// pace says whether the API's budget lets a request go now, spending it if
// so; if not, how long to wait (0: until the probe's answer changes things).
// The caller holds mu.
func (g *gate) pace(now time.Time) (time.Duration, bool) {
	switch {
	case !g.budgetKnown:
		return 0, true
	case g.budget > 0:
		g.budget--
		return 0, true
	case now.Before(g.budgetReset):
		return g.budgetReset.Sub(now), false
	case g.probing:
		return 0, false
	}
	g.probing = true
	return 0, true
}

// learnBudget takes the budget a response's rate-limit headers give. An
// answer of the same window as what the gate knows (its Reset no later)
// only ever lowers the budget: answers overtake each other on the way, and
// an older one says more was left than is. The caller holds mu.
func (g *gate) learnBudget(r rateLimit, now time.Time) {
	budget := r.remaining - g.inflight
	reset := r.reset
	if limit := now.Add(g.retryAfterMax); reset.After(limit) {
		reset = limit
	}
	if g.budgetKnown && !reset.After(g.budgetReset) {
		budget = min(budget, g.budget)
	}
	g.budgetKnown, g.budget, g.budgetReset = true, max(budget, 0), reset
}

// release gives a place back and learns from the response's status and
// rate-limit headers.
func (g *gate) release(resp *http.Response) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight--
	// Any answer ends a probe: the next request may go and learn instead.
	g.probing = false
	now := time.Now()
	var limits rateLimit
	if resp != nil {
		limits = parseRateLimit(resp.Header, now)
		if limits.paces() {
			g.learnBudget(limits, now)
		}
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
	if err := t.gate.acquire(req.Context()); err != nil {
		return nil, err
	}
	resp, err := t.next.RoundTrip(req)
	if err != nil {
		t.gate.release(nil)
		return nil, err
	}
	notePageInfo(req, resp)
	resp.Body = &releasingBody{ReadCloser: resp.Body, release: func() { t.gate.release(resp) }}
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
