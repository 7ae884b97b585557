package client

import (
	"context"
	"errors"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// checkRetry is the library's default policy (connection errors, 429, and 5xx
// but 501) except for a host name that does not resolve, plus failures met while reading a 2xx body, which the library
// cannot see: it hands us the response before the body arrives.
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

// parseRetryAfter reads Retry-After as delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	if v == "" {
		return 0, false
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs < 0 {
			return 0, false
		}
		if secs > int64(24*time.Hour/time.Second) {
			secs = int64(24 * time.Hour / time.Second)
		}
		return time.Duration(secs) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return max(at.Sub(now), 0), true
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
	var bodyErr *bodyError
	if errors.As(err, &bodyErr) {
		// A body that could not be read (cut off, timed out) is a transport
		// failure, so a timeout mid-body still reports Timeout().
		if bodyErr.kind == faultRead {
			return nil, &TransportError{Attempts: tries, Err: err, CutOff: true}
		}
		return nil, &ResponseError{Attempts: tries, Err: err,
			CutShort: bodyErr.kind == faultCutShort, InvalidJSON: bodyErr.kind == faultInvalidJSON}
	}
	if resp != nil && !isSuccess(resp.StatusCode) {
		return nil, newAPIError(resp, tries)
	}
	return nil, &TransportError{Attempts: tries, Err: err}
}

func (c *Client) logAttempt(_ retryablehttp.Logger, req *http.Request, retry int) {
	fields := map[string]any{
		"path":    req.URL.Path,
		"page":    req.URL.Query().Get("page"),
		"attempt": retry + 1,
	}
	if retry == 0 {
		c.log.Debug(req.Context(), "chatzuri: request", fields)
		return
	}
	c.log.Warn(req.Context(), "chatzuri: retrying request", fields)
}

func isSuccess(status int) bool { return status >= 200 && status < 300 }
