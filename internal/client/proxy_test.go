package client

import (
	"encoding/base64"
	"errors"
	"io"
	"log"
	"net"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync/atomic"
	"testing"
)

// The proxy's credentials, in its URL as in HTTPS_PROXY: never in an error.
const (
	proxyUser     = "proxy-user"
	proxyPassword = "pr0xy-pa55word"
)

// proxyServer is a proxy on 127.0.0.1 that answers every request, CONNECT
// included, with status; its URL carries the credentials.
func proxyServer(t *testing.T, status int) (*recordingServer, *url.URL) {
	t.Helper()
	srv := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Proxy-Authenticate", `Basic realm="proxy"`)
		w.WriteHeader(status)
	})
	u, err := url.Parse(srv.URL)
	if err != nil {
		t.Fatal(err)
	}
	u.User = url.UserPassword(proxyUser, proxyPassword)
	return srv, u
}

// viaProxy sends the client's requests through proxy, whatever the target:
// the environment's proxy settings never apply to 127.0.0.1.
func viaProxy(proxy *url.URL) func(*Config) {
	return func(cfg *Config) { cfg.Proxy = http.ProxyURL(proxy) }
}

// assertProxyRefusal checks that err names the proxy problem and the fix,
// and neither the proxy's credentials nor the API key.
func assertProxyRefusal(t *testing.T, err error, proxy *recordingServer) {
	t.Helper()
	var proxyErr *ProxyError
	if !errors.As(err, &proxyErr) {
		t.Fatalf("error %v (%T) is not a *ProxyError", err, err)
	}
	if proxyErr.Attempts != 1 || proxyErr.StatusCode != http.StatusProxyAuthRequired {
		t.Errorf("attempts = %d, status = %d; want 1 and 407", proxyErr.Attempts, proxyErr.StatusCode)
	}
	var explained ExplainedError = proxyErr
	if summary := explained.Summary(); !strings.Contains(summary, "requires authentication") {
		t.Errorf("summary %q does not say the proxy requires authentication", summary)
	}
	msg := err.Error() + "\n" + explained.Summary() + "\n" + explained.Fix()
	for _, want := range []string{"proxy " + proxy.URL, "407 Proxy Authentication Required", "HTTPS_PROXY"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", msg, want)
		}
	}
	basic := base64.StdEncoding.EncodeToString([]byte(proxyUser + ":" + proxyPassword))
	for _, secret := range []string{proxyUser, proxyPassword, basic, testAPIKey} {
		if strings.Contains(msg, secret) {
			t.Errorf("error %q shows %q", msg, secret)
		}
	}
	if n := proxy.Requests(); n != 1 {
		t.Errorf("the proxy received %d requests, want 1: a 407 will not go away on its own", n)
	}
	if got := proxy.Recorded()[0].Header.Get("Proxy-Authorization"); got != "Basic "+basic {
		t.Errorf("the proxy got Proxy-Authorization %q; the test meant to send the credentials", got)
	}
}

// With an https base_url, net/http asks the proxy to CONNECT; the refusal
// comes back as a transport error, not as a status.
func TestProxyRefusingTheTunnelWith407FailsOnTheFirstTry(t *testing.T) {
	api := newRecordingTLSServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, dataBody())
	})
	proxy, proxyURL := proxyServer(t, http.StatusProxyAuthRequired)
	c := newTestClient(t, api.URL, viaProxy(proxyURL))
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	assertProxyRefusal(t, err, proxy)
	if proxy.Requests() > 0 && proxy.Recorded()[0].Method != http.MethodConnect {
		t.Errorf("the proxy got %s, want CONNECT", proxy.Recorded()[0].Method)
	}
	if api.Requests() != 0 {
		t.Error("the API was reached past the proxy's refusal")
	}
}

// With a plain-http (loopback) base_url the proxy forwards the request
// itself, and its 407 arrives as the response's status.
func TestProxyAnswering407AsAStatusFailsOnTheFirstTry(t *testing.T) {
	api := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, dataBody())
	})
	proxy, proxyURL := proxyServer(t, http.StatusProxyAuthRequired)
	c := newTestClient(t, api.URL, viaProxy(proxyURL))
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	assertProxyRefusal(t, err, proxy)
	if api.Requests() != 0 {
		t.Error("the API was reached past the proxy's refusal")
	}
}

// A proxy that cannot reach the API (500, 502, 503, 504) or is busy (429)
// may pass the request on a moment later: that is retried, as the API's own
// such answers are, and the fix says so. What the proxy refuses (403) or
// cannot do (501) it would refuse again: one try, and the fix says to check
// what the proxy allows. Neither is headed as a want of credentials.
func TestProxyThatCannotReachTheAPIIsRetried(t *testing.T) {
	for _, tc := range []struct {
		status, tries int
		fix           string
	}{
		{http.StatusTooManyRequests, 3, "could not pass the request on"},
		{http.StatusInternalServerError, 3, "could not pass the request on"},
		{http.StatusBadGateway, 3, "could not pass the request on"},
		{http.StatusServiceUnavailable, 3, "could not pass the request on"},
		{http.StatusGatewayTimeout, 3, "could not pass the request on"},
		{http.StatusNotImplemented, 1, "allows requests to base_url"},
		{http.StatusForbidden, 1, "allows requests to base_url"},
	} {
		t.Run(http.StatusText(tc.status), func(t *testing.T) {
			proxy, proxyURL := proxyServer(t, tc.status)
			c := newTestClient(t, "https://127.0.0.1:1", viaProxy(proxyURL))
			_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			var proxyErr *ProxyError
			if !errors.As(err, &proxyErr) || proxyErr.Attempts != tc.tries {
				t.Fatalf("error %v (%T), want a *ProxyError after %d tries", err, err, tc.tries)
			}
			if n := proxy.Requests(); n != tc.tries {
				t.Errorf("the proxy received %d requests, want %d", n, tc.tries)
			}
			if strings.Contains(err.Error(), proxyPassword) || strings.Contains(err.Error(), proxyUser) {
				t.Errorf("error %q shows the proxy's credentials", err)
			}
			if fix := proxyErr.Fix(); !strings.Contains(fix, tc.fix) {
				t.Errorf("fix %q does not say %q", fix, tc.fix)
			}
			if summary := proxyErr.Summary(); strings.Contains(summary, "authentication") {
				t.Errorf("summary %q speaks of authentication for a %d", summary, tc.status)
			}
		})
	}
}

// A certificate the client does not trust will not become trusted on the
// next try: the read fails at once.
func TestUntrustedCertificateFailsOnTheFirstTry(t *testing.T) {
	var conns, handled atomic.Int64
	api := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		handled.Add(1)
		writeJSON(w, http.StatusOK, dataBody())
	}))
	api.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			conns.Add(1)
		}
	}
	api.Config.ErrorLog = log.New(io.Discard, "", 0) // the handshake error is expected
	api.StartTLS()
	t.Cleanup(api.Close)
	// The pooled default transport, which trusts only the system's roots.
	c := newTestClient(t, api.URL)
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	var netErr *TransportError
	if !errors.As(err, &netErr) {
		t.Fatalf("error %v (%T), want a *TransportError", err, err)
	}
	if conns.Load() != 1 || netErr.Attempts != 1 {
		t.Errorf("connections = %d, attempts = %d; want 1 and 1", conns.Load(), netErr.Attempts)
	}
	if !strings.Contains(err.Error(), "certificate") {
		t.Errorf("error %q does not name the certificate", err)
	}
	if handled.Load() != 0 {
		t.Error("a request reached the handler over an untrusted connection")
	}
}
