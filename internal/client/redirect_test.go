package client

import (
	"errors"
	"fmt"
	"net/http"
	"strings"
	"testing"
)

// redirectLeak is put in the query of every refused redirect's Location:
// an error must never quote it.
const redirectLeak = "leak=S3CR3T-in-location"

// redirectingServer answers every request with status and a Location of
// target followed by the request's own path and query, plus redirectLeak.
func redirectingServer(t *testing.T, tls bool, status int, target func() string) *recordingServer {
	t.Helper()
	h := func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target()+r.URL.RequestURI()+"&"+redirectLeak, status)
	}
	if tls {
		return newRecordingTLSServer(t, h)
	}
	return newRecordingServer(t, h)
}

// assertRedirectRefused checks that a read of base_url api, which redirects
// to other with status, failed on its first try without a request to other,
// with an error that names both origins, the status and the fix, and neither
// the query nor the key.
func assertRedirectRefused(t *testing.T, c *Client, api, other *recordingServer, status int, from, to string) {
	t.Helper()
	res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err == nil {
		t.Fatalf("the read succeeded with %d leads, want the redirect refused", len(res.Items))
	}
	if n := other.Requests(); n != 0 {
		t.Errorf("the other origin received %d requests, want none (the first with the key: %v)", n, other.Recorded()[0].Header.Get("Authorization") != "")
	}
	if n := api.Requests(); n != 1 {
		t.Errorf("base_url received %d requests, want 1: a refused redirect is not retried", n)
	}
	msg := assertRedirectError(t, err)
	for _, want := range []string{from, to, fmt.Sprintf("%d %s", status, http.StatusText(status)), "another origin", "base_url"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not name %q", msg, want)
		}
	}
}

// assertRedirectError checks that err is a *RedirectError of the first
// try, that it quotes neither the key nor the query of a request or of a
// Location, and returns its text and fix.
func assertRedirectError(t *testing.T, err error) string {
	t.Helper()
	var redirectErr *RedirectError
	if !errors.As(err, &redirectErr) {
		t.Fatalf("error %v (%T) is not a *RedirectError", err, err)
	}
	if redirectErr.Attempts != 1 {
		t.Errorf("attempts = %d, want 1", redirectErr.Attempts)
	}
	var explained ExplainedError = redirectErr
	msg := err.Error() + "\n" + explained.Fix()
	for _, secret := range []string{testAPIKey, "S3CR3T", "agt_1", "page="} {
		if strings.Contains(msg, secret) {
			t.Errorf("error %q quotes %q", msg, secret)
		}
	}
	return msg
}

// The case: a TLS base_url that redirects to plain http on the same
// host name, where net/http would send the key in clear text.
func TestRedirectThatDowngradesToPlainHTTPIsRefused(t *testing.T) {
	for _, status := range []int{http.StatusTemporaryRedirect, http.StatusFound} {
		t.Run(fmt.Sprint(status), func(t *testing.T) {
			plain := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) {
				writeJSON(w, http.StatusOK, dataBody("1"))
			})
			api := redirectingServer(t, true, status, func() string { return plain.URL })
			c := newTestClient(t, api.URL, func(cfg *Config) { cfg.Transport = trustingTransport(api) })
			assertRedirectRefused(t, c, api, plain, status, api.URL, plain.URL)
		})
	}
}

func TestRedirectToAnotherPortIsRefused(t *testing.T) {
	other := newRecordingTLSServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, dataBody("1"))
	})
	api := redirectingServer(t, true, http.StatusTemporaryRedirect, func() string { return other.URL })
	c := newTestClient(t, api.URL, func(cfg *Config) { cfg.Transport = trustingTransport(api) })
	assertRedirectRefused(t, c, api, other, http.StatusTemporaryRedirect, api.URL, other.URL)
}

// Once the only redirect test, which passed as long as the Authorization
// header was dropped; by the same-origin rule the request itself is not
// sent, since the query and the other headers would go there too.
func TestRedirectToAnotherHostIsRefused(t *testing.T) {
	other := newRecordingServer(t, func(w http.ResponseWriter, _ *http.Request) {
		writeJSON(w, http.StatusOK, dataBody("1"))
	})
	// Same machine, another host name: localhost instead of 127.0.0.1.
	otherURL := strings.Replace(other.URL, "127.0.0.1", "localhost", 1)
	api := redirectingServer(t, false, http.StatusFound, func() string { return otherURL })
	c := newTestClient(t, api.URL)
	assertRedirectRefused(t, c, api, other, http.StatusFound, api.URL, otherURL)
}

// movingServer is a TLS server whose path /hop/0/get-leads redirects with
// 307 to /hop/1/get-leads, and so on up to /hop/<hops>/get-leads, which
// serves one lead; the query goes along.
func movingServer(t *testing.T, hops int) *recordingServer {
	t.Helper()
	return newRecordingTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		var n int
		if _, err := fmt.Sscanf(r.URL.Path, "/hop/%d/get-leads", &n); err != nil {
			writeJSON(w, http.StatusNotFound, `{"message":"no such path"}`)
			return
		}
		if n < hops {
			http.Redirect(w, r, fmt.Sprintf("/hop/%d/get-leads?%s", n+1, r.URL.RawQuery), http.StatusTemporaryRedirect)
			return
		}
		writeJSON(w, http.StatusOK, dataBody("1"))
	})
}

// Users behind API gateways have redirects within the origin: they are
// followed, with the key, up to 10 of them.
func TestRedirectWithinTheOriginIsFollowedWithTheKey(t *testing.T) {
	for _, hops := range []int{1, 10} {
		t.Run(fmt.Sprintf("%d redirects", hops), func(t *testing.T) {
			api := movingServer(t, hops)
			c := newTestClient(t, api.URL+"/hop/0", func(cfg *Config) { cfg.Transport = trustingTransport(api) })
			res, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
			if err != nil {
				t.Fatal(err)
			}
			if got := idsOf(res.Items); len(got) != 1 || got[0] != "1" {
				t.Errorf("leads = %v, want [1]", got)
			}
			// Page 1 and the empty-page check each go through every hop.
			reqs := api.Recorded()
			if len(reqs) != 2*(hops+1) {
				t.Errorf("%d requests, want %d", len(reqs), 2*(hops+1))
			}
			for _, r := range reqs {
				if r.Header.Get("Authorization") != "Bearer "+testAPIKey {
					t.Errorf("%s came without the key", r.URL.Path)
				}
				if r.URL.Query().Get("agentId") != "agt_1" {
					t.Errorf("%s came without the query", r.URL.Path)
				}
			}
		})
	}
}

func TestMoreThanTenRedirectsAreRefused(t *testing.T) {
	api := movingServer(t, 11)
	c := newTestClient(t, api.URL+"/hop/0", func(cfg *Config) { cfg.Transport = trustingTransport(api) })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err == nil {
		t.Fatal("the read succeeded, want it refused after 10 redirects")
	}
	if n := api.Requests(); n != 11 {
		t.Errorf("%d requests, want 11 (the first and 10 redirects, not retried)", n)
	}
	msg := assertRedirectError(t, err)
	for _, want := range []string{"more than 10 redirects", api.URL, "base_url"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}

func TestRedirectLoopIsCalledALoop(t *testing.T) {
	api := newRecordingTLSServer(t, func(w http.ResponseWriter, r *http.Request) {
		next := "/a/get-leads"
		if strings.HasPrefix(r.URL.Path, "/a/") {
			next = "/api/v1/get-leads"
		}
		http.Redirect(w, r, next+"?"+r.URL.RawQuery, http.StatusFound)
	})
	c := newTestClient(t, api.URL+"/api/v1", func(cfg *Config) { cfg.Transport = trustingTransport(api) })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if err == nil {
		t.Fatal("the read succeeded, want the loop refused")
	}
	if n := api.Requests(); n != 2 {
		t.Errorf("%d requests, want 2: the loop is seen when it closes, and not retried", n)
	}
	msg := assertRedirectError(t, err)
	for _, want := range []string{"loop", api.URL, "base_url"} {
		if !strings.Contains(msg, want) {
			t.Errorf("error %q does not say %q", err, want)
		}
	}
}
