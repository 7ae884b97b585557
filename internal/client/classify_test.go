package client

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

func TestOnlyBodyFaultsAnotherTryCanFixAreRetryable(t *testing.T) {
	for _, tc := range []struct {
		fault BodyFault
		want  bool
	}{
		{FaultRead, true},
		{FaultCutShort, true},
		{FaultInvalidJSON, false},
		{FaultEmpty, false},
		{FaultSize, false},
		{FaultShape, false},
		{FaultItem, false},
	} {
		if got := tc.fault.retryable(); got != tc.want {
			t.Errorf("%s: retryable = %v, want %v", tc.fault, got, tc.want)
		}
	}
}

// listOnce lists agt_1's leads from a server that always answers body with
// 200, allowing two retries, and returns the requests made and the error.
func listOnce(t *testing.T, body string) (int, error) {
	t.Helper()
	srv := newRecordingServer(t, reply(http.StatusOK, body))
	c := newTestClient(t, srv.URL, func(cfg *Config) { cfg.MaxRetries = 2 })
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err == nil {
		t.Fatalf("ListLeads succeeded with %d leads, want an error", len(res.Items))
	}
	return srv.Requests(), err
}

func TestCompleteBodyThatIsNotValidJSONIsNotRetried(t *testing.T) {
	for _, tc := range []struct {
		name, body, says string
	}{
		{"nested deeper than encoding/json allows", `{"data":` + strings.Repeat("[", 20000) + `}`, "nested deeper than the decoder allows"},
		{"an invalid character in the middle", `{"data":[{"id":1,"email":"` + secretValue + `"} x]}`, "invalid character at byte 57"},
		{"an invalid character after the end", `{"data":[{"id":1,"email":"` + secretValue + `"}]} x`, "invalid character at byte 59"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requests, err := listOnce(t, tc.body)
			var respErr *ResponseError
			if !errors.As(err, &respErr) {
				t.Fatalf("error %v (%T) is not a *ResponseError", err, err)
			}
			if requests != 1 || respErr.Attempts != 1 {
				t.Errorf("requests = %d, attempts = %d; want 1 and 1: another try brings the same body", requests, respErr.Attempts)
			}
			if respErr.Fault != FaultInvalidJSON {
				t.Errorf("Fault = %q, want %q", respErr.Fault, FaultInvalidJSON)
			}
			msg := err.Error()
			if !strings.Contains(msg, "not valid JSON") || !strings.Contains(msg, tc.says) {
				t.Errorf("error %q does not say the body is not valid JSON and %q", msg, tc.says)
			}
			if strings.Contains(msg, "cut short") || strings.Contains(msg, "S3CR3T") || strings.Contains(msg, "'x'") {
				t.Errorf("error %q blames a cut or quotes the body", msg)
			}
		})
	}
}

func TestJSONThatEndsBeforeItIsCompleteIsRetriedAndSaysCutShort(t *testing.T) {
	for _, tc := range []struct {
		name, body string
	}{
		{"in a string", `{"data":[{"id":1,"email":"` + secretValue[:10]},
		{"in a literal", `{"data":[{"id":1,"active":tru`},
		{"between items", `{"data":[{"id":1},`},
		{"before the closing brace", `{"data":[{"id":1}]`},
		{"after leading whitespace", "\n  " + `{"data":[{"id":1}`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			requests, err := listOnce(t, tc.body)
			var respErr *ResponseError
			if !errors.As(err, &respErr) {
				t.Fatalf("error %v (%T) is not a *ResponseError", err, err)
			}
			if requests != 3 || respErr.Attempts != 3 {
				t.Errorf("requests = %d, attempts = %d; want 3 and 3", requests, respErr.Attempts)
			}
			if respErr.Fault != FaultCutShort {
				t.Errorf("Fault = %q, want %q", respErr.Fault, FaultCutShort)
			}
			if msg := err.Error(); !strings.Contains(msg, "cut short") || strings.Contains(msg, "jane") {
				t.Errorf("error %q does not say the body was cut short, or quotes it", msg)
			}
			// How much arrived tells a proxy's cut at a round size apart.
			if ends := fmt.Sprintf("it ends after %d bytes", len(tc.body)); !strings.Contains(err.Error(), ends) {
				t.Errorf("error %q does not say %q", err, ends)
			}
		})
	}
}

// dnsFailingClient is a client for a host whose every lookup fails with
// dnsErr, as the resolver reports it to net/http; tries counts the dials.
func dnsFailingClient(t *testing.T, dnsErr *net.DNSError, tries *atomic.Int64) *Client {
	t.Helper()
	return newTestClient(t, "https://api.chatzuri.invalid/api/v1", func(cfg *Config) {
		cfg.MaxRetries = 2
		cfg.Transport = &http.Transport{DialContext: func(context.Context, string, string) (net.Conn, error) {
			tries.Add(1)
			return nil, &net.OpError{Op: "dial", Net: "tcp", Err: dnsErr}
		}}
	})
}

func TestUnknownHostIsNotRetried(t *testing.T) {
	var tries atomic.Int64
	c := dnsFailingClient(t, &net.DNSError{Err: "no such host", Name: "api.chatzuri.invalid", IsNotFound: true}, &tries)
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var netErr *TransportError
	if !errors.As(err, &netErr) || netErr.Timeout() || netErr.Fault != "" {
		t.Fatalf("error %v (%T), want a *TransportError that is neither a timeout nor a cut", err, err)
	}
	if tries.Load() != 1 || netErr.Attempts != 1 {
		t.Errorf("tries = %d, attempts = %d; want 1 and 1: a name that does not resolve will not resolve a moment later", tries.Load(), netErr.Attempts)
	}
	if !strings.Contains(err.Error(), "no such host") || strings.Contains(err.Error(), testAPIKey) {
		t.Errorf("error %q does not say no such host, or shows the key", err)
	}
}

func TestTemporaryDNSFailureIsRetried(t *testing.T) {
	var tries atomic.Int64
	c := dnsFailingClient(t, &net.DNSError{Err: "server misbehaving", Name: "api.chatzuri.invalid", IsTemporary: true}, &tries)
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var netErr *TransportError
	if !errors.As(err, &netErr) || netErr.Attempts != 3 || tries.Load() != 3 {
		t.Errorf("error %v after %d tries, want a *TransportError after 3", err, tries.Load())
	}
}

func TestOriginSpellsOutTheDefaultPortAndIgnoresCase(t *testing.T) {
	for _, tc := range []struct{ url, want string }{
		{"https://www.chatzuri.com/api/v1?page=2", "https://www.chatzuri.com:443"},
		{"HTTPS://WWW.Chatzuri.COM:443/x", "https://www.chatzuri.com:443"},
		{"http://127.0.0.1/x", "http://127.0.0.1:80"},
		{"http://user:pass@127.0.0.1:8080/x", "http://127.0.0.1:8080"},
		{"https://[::1]:8443/x", "https://[::1]:8443"},
		{"https://api.www.chatzuri.com/x", "https://api.www.chatzuri.com:443"},
	} {
		u, err := url.Parse(tc.url)
		if err != nil {
			t.Fatal(err)
		}
		if got := origin(u); got != tc.want {
			t.Errorf("origin(%s) = %s, want %s", tc.url, got, tc.want)
		}
	}
}

// The library would retry these (they are not among the errors it knows
// to be permanent); the client must not.
func TestRefusedRedirectsAndProxyRefusalsAreClassified(t *testing.T) {
	c := newTestClient(t, DefaultBaseURL)
	wrapped := func(err error) error { return &url.Error{Op: "Get", URL: "https://x.test/?k=v", Err: err} }
	for _, tc := range []struct {
		name  string
		err   error
		retry bool
	}{
		{"redirect to another origin", wrapped(&RedirectError{From: "https://a:443", To: "http://a:80"}), false},
		{"redirect loop", wrapped(&RedirectError{Loop: true}), false},
		{"proxy 407", wrapped(&ProxyError{StatusCode: http.StatusProxyAuthRequired}), false},
		{"proxy 403", wrapped(&ProxyError{StatusCode: http.StatusForbidden}), false},
		{"proxy 502", wrapped(&ProxyError{StatusCode: http.StatusBadGateway}), true},
		{"proxy 429", wrapped(&ProxyError{StatusCode: http.StatusTooManyRequests}), true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			retry, err := c.checkRetry(testContext(t), nil, tc.err)
			if retry != tc.retry {
				t.Errorf("retry = %v, want %v", retry, tc.retry)
			}
			if _, isURLErr := err.(*url.Error); isURLErr || err == nil {
				t.Errorf("checkRetry returned %v (%T); want the client's own error, without the URL", err, err)
			}
		})
	}
}
