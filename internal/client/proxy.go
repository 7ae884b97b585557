package client

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
)

// ProxyError is a refusal by the HTTP proxy between the client and
// base_url: its answer to the CONNECT that opens a tunnel to an https
// base_url, or a 407 in place of the API's answer. Like the API's own
// statuses, 429 and 5xx (the proxy could not reach the API) are retried;
// the rest, 407 first, would be refused again.
type ProxyError struct {
	// Proxy is the proxy's origin, without its credentials; "" when the
	// client was not told of a proxy but got a 407.
	Proxy string
	// Target is the origin the request was for.
	Target     string
	StatusCode int
	Attempts   int
}

func (e *ProxyError) Error() string {
	proxy := "a proxy on the way"
	if e.Proxy != "" {
		proxy = "the proxy " + e.Proxy
	}
	// http.StatusText, not the proxy's reason phrase, which could say anything.
	msg := fmt.Sprintf("%s answered %d %s to the request for %s", proxy, e.StatusCode, http.StatusText(e.StatusCode), e.Target)
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d tries", e.Attempts)
	}
	return msg
}

func (e *ProxyError) retryable() bool {
	return e.StatusCode == http.StatusTooManyRequests || (e.StatusCode >= 500 && e.StatusCode != http.StatusNotImplemented)
}

// Summary implements ExplainedError.
func (e *ProxyError) Summary() string {
	if e.StatusCode == http.StatusProxyAuthRequired {
		return "The proxy requires authentication"
	}
	return "The proxy refused the request"
}

// Fix implements ExplainedError.
func (e *ProxyError) Fix() string {
	const env = "The proxy comes from HTTPS_PROXY (HTTP_PROXY for a plain-http base_url); NO_PROXY lists the hosts reached directly."
	switch {
	case e.StatusCode == http.StatusProxyAuthRequired:
		return "The proxy wants credentials it did not get, or refused the ones it got: put its user and password in the proxy URL, " +
			"as http://user:password@host:port, or ask its administrator. " + env
	case e.retryable():
		return "The proxy could not pass the request on, on any try: check that it can reach base_url, or run again later. " + env
	}
	return "Check that the proxy allows requests to base_url. " + env
}

// checkTunnel is the transport's OnProxyConnectResponse: without it
// net/http turns a refused CONNECT into an error that holds only the
// proxy's reason phrase, which looks retryable and names no proxy.
func checkTunnel(_ context.Context, proxy *url.URL, connect *http.Request, resp *http.Response) error {
	if resp.StatusCode == http.StatusOK {
		return nil
	}
	return &ProxyError{Proxy: origin(proxy), Target: "https://" + connect.Host, StatusCode: resp.StatusCode}
}

// proxyStatusError is the ProxyError for a 407 that came as a response's
// status: from a proxy forwarding a plain-http request.
func (c *Client) proxyStatusError(resp *http.Response) *ProxyError {
	e := &ProxyError{StatusCode: resp.StatusCode, Target: origin(resp.Request.URL)}
	if proxy, err := c.proxy(resp.Request); err == nil && proxy != nil {
		e.Proxy = origin(proxy)
	}
	return e
}
