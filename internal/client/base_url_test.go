package client

import (
	"strings"
	"testing"
	"time"
)

func TestParseBaseURLAcceptsHTTPSAndLoopbackHTTP(t *testing.T) {
	for _, tc := range []struct {
		name, raw, want string
	}{
		{"https to the vendor", "https://www.chatzuri.com/api/v1", "https://www.chatzuri.com/api/v1"},
		{"https without a path", "https://chatzuri.com", "https://chatzuri.com"},
		{"http to 127.0.0.1", "http://127.0.0.1:8080/api/v1", "http://127.0.0.1:8080/api/v1"},
		{"http to another loopback address", "http://127.0.0.2/api/v1", "http://127.0.0.2/api/v1"},
		{"http to localhost", "http://localhost:8080/api/v1", "http://localhost:8080/api/v1"},
		{"http to LOCALHOST in capitals", "http://LOCALHOST:8080/api/v1", "http://LOCALHOST:8080/api/v1"},
		{"http to [::1]", "http://[::1]:8080/api/v1", "http://[::1]:8080/api/v1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			u, err := ParseBaseURL(tc.raw)
			if err != nil {
				t.Fatalf("ParseBaseURL(%q): %v", tc.raw, err)
			}
			if got := u.String(); got != tc.want {
				t.Errorf("ParseBaseURL(%q) = %q, want %q", tc.raw, got, tc.want)
			}
		})
	}
}

func TestParseBaseURLTrimsTrailingSlash(t *testing.T) {
	for _, raw := range []string{"https://www.chatzuri.com/api/v1/", "http://127.0.0.1:8080/api/v1/"} {
		u, err := ParseBaseURL(raw)
		if err != nil {
			t.Fatalf("ParseBaseURL(%q): %v", raw, err)
		}
		if want := strings.TrimSuffix(raw, "/"); u.String() != want {
			t.Errorf("ParseBaseURL(%q) = %q, want %q", raw, u.String(), want)
		}
		if got := u.JoinPath("get-leads").Path; got != "/api/v1/get-leads" {
			t.Errorf("joined path = %q, want /api/v1/get-leads", got)
		}
	}
}

func TestParseBaseURLRefusesPlainHTTPToOtherHosts(t *testing.T) {
	for _, raw := range []string{
		"http://www.chatzuri.com/api/v1",
		"http://10.0.0.1/api/v1",
		"http://192.168.1.10:8080/api/v1",
		"http://127.0.0.1.example.com/api/v1",
		"http://localhost.example.com/api/v1",
	} {
		t.Run(raw, func(t *testing.T) {
			_, err := ParseBaseURL(raw)
			if err == nil {
				t.Fatalf("ParseBaseURL(%q) succeeded, want an error", raw)
			}
			if !strings.Contains(err.Error(), "https") {
				t.Errorf("error %q does not tell the user to use https", err)
			}
		})
	}
}

func TestParseBaseURLRefusesURLsThatAreNotAbsoluteHTTP(t *testing.T) {
	for _, tc := range []struct{ name, raw string }{
		{"empty", ""},
		{"relative path", "/api/v1"},
		{"host without scheme", "www.chatzuri.com/api/v1"},
		{"scheme without host", "https:///api/v1"},
		{"other scheme", "ftp://www.chatzuri.com/api/v1"},
		{"query", "https://www.chatzuri.com/api/v1?x=1"},
		{"fragment", "https://www.chatzuri.com/api/v1#top"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if u, err := ParseBaseURL(tc.raw); err == nil {
				t.Fatalf("ParseBaseURL(%q) = %q, want an error", tc.raw, u)
			}
		})
	}
}

func TestParseBaseURLRefusesCredentialsWithoutEchoingThem(t *testing.T) {
	for _, raw := range []string{
		"https://admin:hunter2-secret@www.chatzuri.com/api/v1",
		"https://hunter2-secret@www.chatzuri.com/api/v1",
		"http://admin:hunter2-secret@127.0.0.1:8080/api/v1",
	} {
		_, err := ParseBaseURL(raw)
		if err == nil {
			t.Fatalf("ParseBaseURL(%q) succeeded, want an error", raw)
		}
		if strings.Contains(err.Error(), "hunter2-secret") {
			t.Errorf("error %q echoes the credentials", err)
		}
	}
}

func TestNewRequiresAnAPIKey(t *testing.T) {
	_, err := New(Config{BaseURL: DefaultBaseURL})
	if err == nil {
		t.Fatal("New without an API key succeeded, want an error")
	}
}

func TestNewRefusesNegativeMaxRetries(t *testing.T) {
	_, err := New(Config{BaseURL: DefaultBaseURL, APIKey: testAPIKey, MaxRetries: -1})
	if err == nil {
		t.Fatal("New with MaxRetries -1 succeeded, want an error")
	}
}

func TestNewRefusesAnInvalidBaseURL(t *testing.T) {
	_, err := New(Config{BaseURL: "http://www.chatzuri.com/api/v1", APIKey: testAPIKey})
	if err == nil {
		t.Fatal("New with a plain-http non-loopback base URL succeeded, want an error")
	}
}

// What the provider leaves unset, New fills with what the docs promise
// (templates/index.md.tmpl, "Rate limits and retries", and request_timeout's
// description): waits between tries from 1 second up to 30 seconds, a
// Retry-After honoured up to 60 seconds, 30 seconds for one try.
func TestNewFillsTheWaitsTheDocsPromise(t *testing.T) {
	c, err := New(Config{BaseURL: DefaultBaseURL, APIKey: testAPIKey})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []struct {
		name      string
		got, want time.Duration
	}{
		{"RetryWaitMin", c.cfg.RetryWaitMin, time.Second},
		{"RetryWaitMax", c.cfg.RetryWaitMax, 30 * time.Second},
		{"RetryAfterMax", c.cfg.RetryAfterMax, time.Minute},
		{"RequestTimeout", c.cfg.RequestTimeout, 30 * time.Second},
	} {
		if w.got != w.want {
			t.Errorf("%s = %v, want %v", w.name, w.got, w.want)
		}
	}
}
