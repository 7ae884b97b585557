package client

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/go-retryablehttp"
)

// getPage fetches one page of path and decodes its items, with the method
// path is known to take (GET until it answered otherwise), and asks again
// with the other method when the first is answered 405 (method.go). It
// returns what answering the page showed besides its items (seen.go), even
// on error.
func getPage[T any](ctx context.Context, c *Client, path string, query url.Values, decode func([]byte, *PageShape) ([]T, error)) ([]T, pageInfo, error) {
	method := c.methods.of(path)
	items, info, err := fetchPage(ctx, c, method, path, query, decode)
	if !isMethodNotAllowed(err) {
		return items, info, err
	}
	other := otherMethod(method)
	c.log.Debug(ctx, "chatzuri: method not allowed, asking again with the other", map[string]any{"path": path, "page": query.Get("page"), "method": other})
	refused := info.rateLimit
	items, info, err = fetchPage(ctx, c, other, path, query, decode)
	info.fellBack = true
	info.rateLimit = appendNew(info.rateLimit, refused...)
	switch {
	case err == nil:
		c.methods.remember(path, other)
	case isMethodNotAllowed(err):
		info.method, info.fellBack = "none (405 to GET and POST)", false
		return nil, info, &MethodError{Path: path}
	}
	return items, info, err
}

func isMethodNotAllowed(err error) bool {
	var apiErr *APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusMethodNotAllowed
}

// fetchPage is one request for a page, retried as the policy says. Reading
// and decoding happen inside the retry loop, so a body cut off in transit
// is retried like a refused connection. A POST carries the query's
// parameters in a JSON body too (jsonBody).
func fetchPage[T any](ctx context.Context, c *Client, method, path string, query url.Values, decode func([]byte, *PageShape) ([]T, error)) ([]T, pageInfo, error) {
	info := &pageInfo{method: method}
	ctx = context.WithValue(ctx, pageInfoKey{}, info)
	u := c.baseURL.JoinPath(path)
	u.RawQuery = query.Encode()
	var body any
	if method == http.MethodPost {
		b, err := jsonBody(query)
		if err != nil {
			return nil, *info, err
		}
		body = b
	}
	req, err := retryablehttp.NewRequestWithContext(ctx, method, u.String(), body)
	if err != nil {
		return nil, *info, err
	}
	req.Header.Set("Authorization", "Bearer "+c.apiKey)
	req.Header.Set("Accept", "application/json")
	// The vendor's reference asks for it even on GET requests.
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", c.ua)

	var items []T
	started := time.Now()
	req.SetResponseHandler(func(resp *http.Response) error {
		if resp.StatusCode == http.StatusProxyAuthRequired {
			c.logResponse(ctx, path, query, resp.StatusCode, 0, started)
			return c.proxyStatusError(resp)
		}
		if !isSuccess(resp.StatusCode) {
			c.logResponse(ctx, path, query, resp.StatusCode, 0, started)
			return newAPIError(resp, 1)
		}
		body, err := c.readBody(resp.Body)
		if err != nil {
			return err
		}
		c.logResponse(ctx, path, query, resp.StatusCode, len(body), started)
		info.shape = PageShape{}
		items, err = decode(body, &info.shape)
		if err == nil {
			info.status, info.items = resp.StatusCode, len(items)
		}
		return err
	})

	resp, err := c.retryingFor(&retryNote{}).Do(req)
	if err != nil {
		var transportErr *TransportError
		if errors.As(err, &transportErr) {
			transportErr.TryTimeout = c.cfg.RequestTimeout
		}
		return nil, *info, c.redact(err)
	}
	resp.Body.Close()
	return items, *info, nil
}

// logResponse records what a response was, never what it said: the status,
// the body's size and the time since the page's first try began.
func (c *Client) logResponse(ctx context.Context, path string, query url.Values, status, bytes int, started time.Time) {
	c.log.Debug(ctx, "chatzuri: response", map[string]any{
		"path": path, "page": query.Get("page"), "status": status, "bytes": bytes, "duration_ms": time.Since(started).Milliseconds(),
	})
}

func (c *Client) readBody(r io.Reader) ([]byte, error) {
	var buf bytes.Buffer
	n, err := buf.ReadFrom(io.LimitReader(r, c.cfg.MaxBodyBytes+1))
	if err != nil {
		return nil, &bodyError{kind: FaultRead, err: fmt.Errorf("the response body was cut off after %d bytes: %w", n, err)}
	}
	if n > c.cfg.MaxBodyBytes {
		return nil, &bodyError{kind: FaultSize, err: fmt.Errorf("the response body is larger than %d bytes, far more than one page can be", c.cfg.MaxBodyBytes)}
	}
	return buf.Bytes(), nil
}

// redact removes the API key from anything a server echoed back into an
// error message, then shortens the message; in that order, so that a cut
// cannot leave part of the key behind.
func (c *Client) redact(err error) error {
	if apiErr, ok := err.(*APIError); ok {
		apiErr.Message = truncate(strings.ReplaceAll(apiErr.Message, c.apiKey, "(redacted)"), maxMessageQuote)
	}
	return err
}

func pageQuery(base url.Values, page, size int) url.Values {
	q := make(url.Values, len(base)+2)
	for k, v := range base {
		q[k] = v
	}
	q.Set("page", strconv.Itoa(page))
	q.Set("size", strconv.Itoa(size))
	return q
}
