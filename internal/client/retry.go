package client

import (
	"context"
	"errors"
	"io"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"syscall"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// checkRetry is the library's default policy (connection errors, 429, and 5xx
// but 501) except for a host name that does not resolve, a refused redirect,
// a proxy's refusal (see ProxyError) and a loopback base_url where nothing
// listens (NotListeningError), plus failures met
// while reading a 2xx body, which the library cannot see: it hands us the
// response before the body arrives.
func (c *Client) checkRetry(ctx context.Context, resp *http.Response, err error) (bool, error) {
	if ctx.Err() != nil {
		return false, ctx.Err()
	}
	if errors.Is(err, errAbandoned) {
		return false, err
	}
	var bodyErr *bodyError
	if errors.As(err, &bodyErr) {
		retry := bodyErr.kind.retryable()
		if retry {
			c.log.Debug(ctx, "chatzuri: response body failed, will retry", map[string]any{"reason": string(bodyErr.kind)})
		}
		return retry, err
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		return false, err
	}
	var redirectErr *RedirectError
	if errors.As(err, &redirectErr) {
		// Unwrapped from net/http's *url.Error, whose text quotes the
		// Location, query included.
		return false, redirectErr
	}
	var proxyErr *ProxyError
	if errors.As(err, &proxyErr) {
		return proxyErr.retryable(), proxyErr
	}
	if refused := c.notListening(err); refused != nil {
		return false, refused
	}
	// A name that does not resolve will not resolve a second later; a
	// resolver that is down or slow (IsTemporary, IsTimeout) may recover.
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) && dnsErr.IsNotFound {
		return false, err
	}
	retry, policyErr := retryablehttp.DefaultRetryPolicy(ctx, resp, err)
	if retry && resp != nil {
		c.log.Debug(ctx, "chatzuri: retryable status", map[string]any{
			"status":      resp.StatusCode,
			"retry_after": resp.Header.Get("Retry-After"),
		})
	}
	return retry, policyErr
}

// backoff replaces retryablehttp.DefaultBackoff, which obeys any Retry-After
// without a cap (a "Retry-After: 3600" would stall a plan for an hour) and
// sleeps the same exponential steps in every client, so concurrent clients
// retry in lockstep. Here a server's Retry-After is honoured up to
// RetryAfterMax, and our own waits are exponential with full jitter.
func (c *Client) backoff(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
	if resp != nil && (resp.StatusCode == http.StatusTooManyRequests || resp.StatusCode == http.StatusServiceUnavailable) {
		if wait, ok := parseRetryAfter(resp.Header.Get("Retry-After"), time.Now()); ok {
			return min(wait, c.cfg.RetryAfterMax)
		}
	}
	// Retry n waits a random time in [min, min*2^(n+1)], capped at max, so
	// even the first retries of concurrent clients are spread apart.
	ceiling := 2 * minWait
	for i := 0; i < attempt && ceiling < maxWait; i++ {
		ceiling *= 2
	}
	ceiling = min(ceiling, maxWait)
	if ceiling <= minWait {
		return minWait
	}
	return minWait + rand.N(ceiling-minWait+1)
}

// maxRetryAfter bounds what parseRetryAfter returns, as seconds or as a
// date, so that no count of seconds overflows a Duration and every caller
// gets the same bound; the client's own cap (RetryAfterMax) is far lower.
const maxRetryAfter = 24 * time.Hour

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(maxRetryAfter/time.Second) {
			secs = int64(maxRetryAfter / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return min(max(at.Sub(now), 0), maxRetryAfter), true
	}
	return 0, false
}

// giveUp runs when the library stops trying: it attaches the number of tries
// to the error and releases the last response.
func giveUp(resp *http.Response, err error, tries int) (*http.Response, error) {
	if resp != nil {
		defer resp.Body.Close()
	}
	var apiErr *APIError
	if errors.As(err, &apiErr) {
		apiErr.Attempts = tries
		return nil, apiErr
	}
	var redirectErr *RedirectError
	if errors.As(err, &redirectErr) {
		redirectErr.Attempts = tries
		return nil, redirectErr
	}
	var proxyErr *ProxyError
	if errors.As(err, &proxyErr) {
		proxyErr.Attempts = tries
		return nil, proxyErr
	}
	var bodyErr *bodyError
	if errors.As(err, &bodyErr) {
		// A body that could not be read (cut off, timed out) is a transport
		// failure, so a timeout mid-body still reports Timeout().
		if bodyErr.kind == FaultRead {
			return nil, &TransportError{Attempts: tries, Err: err, Fault: FaultRead}
		}
		return nil, &ResponseError{Attempts: tries, Err: err, Fault: bodyErr.kind}
	}
	if resp != nil && !isSuccess(resp.StatusCode) {
		return nil, newAPIError(resp, tries)
	}
	return nil, &TransportError{Attempts: tries, Err: err}
}

// retryNote carries, from one try of a request to the next, why the request
// is tried again and how long the client waited first, for the retry warning.
// Each request has its own, and the library calls one request's hooks one
// after another on one goroutine, so it needs no lock.
type retryNote struct {
	reason string
	wait   time.Duration
}

// retryingFor is the retrying client of one request, its hooks bound to
// note: the library hands Backoff neither the request nor its context, so
// binding is the only way to tell which request a wait belongs to. It is
// built here, from the configuration, and nowhere else.
func (c *Client) retryingFor(note *retryNote) *retryablehttp.Client {
	return &retryablehttp.Client{
		HTTPClient: c.httpClient,
		// The library's own logger has no context, so it cannot reach
		// tflog's per-request masking; RequestLogHook logs with the
		// request's context instead.
		Logger:       nil,
		RetryMax:     c.cfg.MaxRetries,
		RetryWaitMin: c.cfg.RetryWaitMin,
		RetryWaitMax: c.cfg.RetryWaitMax,
		ErrorHandler: giveUp,
		CheckRetry: func(ctx context.Context, resp *http.Response, err error) (bool, error) {
			retry, checkErr := c.checkRetry(ctx, resp, err)
			if retry {
				note.reason = retryReason(resp, err)
			}
			return retry, checkErr
		},
		Backoff: func(minWait, maxWait time.Duration, attempt int, resp *http.Response) time.Duration {
			note.wait = c.backoff(minWait, maxWait, attempt, resp)
			return note.wait
		},
		RequestLogHook: func(_ retryablehttp.Logger, req *http.Request, retry int) {
			c.logTry(req, retry, note)
		},
	}
}

// retryReason names why a try is repeated: its status, or the class of its
// failure. Never the error's text, which could quote a URL or a body.
func retryReason(resp *http.Response, err error) string {
	var (
		netErr   net.Error
		bodyErr  *bodyError
		dnsErr   *net.DNSError
		proxyErr *ProxyError
	)
	switch {
	case err == nil && resp != nil:
		return "status=" + strconv.Itoa(resp.StatusCode)
	case errors.As(err, &proxyErr):
		return "proxy status=" + strconv.Itoa(proxyErr.StatusCode)
	case errors.As(err, &netErr) && netErr.Timeout(), errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.As(err, &bodyErr):
		switch bodyErr.kind {
		case FaultRead:
			return "body cut off"
		case FaultCutShort:
			return "body cut short"
		}
		return string(bodyErr.kind)
	case errors.As(err, &dnsErr):
		return "dns"
	case errors.Is(err, syscall.ECONNREFUSED):
		return "connection refused"
	case errors.Is(err, syscall.ECONNRESET):
		return "connection reset"
	case errors.Is(err, io.EOF), errors.Is(err, io.ErrUnexpectedEOF):
		return "connection closed"
	}
	return "connection error"
}

// logTry logs a request's first try at debug level and every retry as a
// warning that says why and after what wait.
func (c *Client) logTry(req *http.Request, retry int, note *retryNote) {
	fields := map[string]any{
		"path":    req.URL.Path,
		"page":    req.URL.Query().Get("page"),
		"attempt": retry + 1,
	}
	if retry == 0 {
		c.log.Debug(req.Context(), "chatzuri: request", fields)
		return
	}
	fields["reason"] = note.reason
	fields["wait_ms"] = note.wait.Milliseconds()
	c.log.Warn(req.Context(), "chatzuri: retrying request", fields)
}

func isSuccess(status int) bool { return status >= 200 && status < 300 }
