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
type gate struct {
	mu        sync.Mutex
	max       int
	limit     int
	inflight  int
	successes int
	resumeAt  time.Time
	changed   chan struct{} // closed and replaced whenever a waiter may proceed

	retryAfterMax time.Duration

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
		wait := time.Until(g.resumeAt)
		if wait <= 0 && g.inflight < g.limit {
			g.inflight++
			g.peak = max(g.peak, g.inflight)
			g.mu.Unlock()
			return nil
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

// release gives a place back and learns from the response's status.
func (g *gate) release(resp *http.Response) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.inflight--
	switch {
	case resp != nil && resp.StatusCode == http.StatusTooManyRequests:
		g.limit = max(1, g.limit/2)
		g.successes = 0
		if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			if until := time.Now().Add(min(wait, g.retryAfterMax)); until.After(g.resumeAt) {
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
