package emulator

import (
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"
)

func TestRateLimitIsASlidingWindowPerKey(t *testing.T) {
	t.Parallel()
	for _, inSeconds := range []bool{false, true} {
		l := newRateLimiter(RateLimit{Requests: 3, Window: time.Second, Headers: true, ResetInSeconds: inSeconds})
		// Half a millisecond past one: every Reset is rounded up.
		t0 := time.Date(2026, 3, 1, 12, 0, 0, 250_500_000, time.UTC)
		at := func(d time.Duration, key string) (*httptest.ResponseRecorder, bool) {
			rec := httptest.NewRecorder()
			return rec, l.admit(rec, key, t0.Add(d))
		}
		reset := func(tm time.Time) string {
			ms := (tm.UnixMicro() + 999) / 1000
			if inSeconds {
				return strconv.FormatInt((ms+999)/1000, 10)
			}
			return strconv.FormatInt(ms, 10)
		}
		for i, d := range []time.Duration{0, 100 * time.Millisecond, 200 * time.Millisecond} {
			rec, ok := at(d, "Bearer a")
			if !ok || rec.Header().Get("X-RateLimit-Remaining") != strconv.Itoa(2-i) || rec.Header().Get("X-RateLimit-Limit") != "3" ||
				rec.Header().Get("X-RateLimit-Reset") != reset(t0.Add(time.Second)) {
				t.Fatalf("request %d: admitted %v, headers %v", i+1, ok, rec.Header())
			}
		}
		// The window is full: 429, Retry-After rounded up to whole seconds.
		rec, ok := at(500*time.Millisecond, "Bearer a")
		if ok || rec.Code != http.StatusTooManyRequests || rec.Header().Get("Retry-After") != "1" || rec.Header().Get("X-RateLimit-Remaining") != "0" {
			t.Fatalf("past the limit: admitted %v, %d, headers %v", ok, rec.Code, rec.Header())
		}
		// Another key has a window of its own.
		if _, ok := at(500*time.Millisecond, "Bearer b"); !ok {
			t.Fatal("another key was limited")
		}
		// The first request leaves the window at t0+1s: one more is allowed,
		// and the denied one did not count.
		rec, ok = at(time.Second+time.Millisecond, "Bearer a")
		if reset(t0.Add(1100*time.Millisecond)) == strconv.FormatInt(t0.Add(1100*time.Millisecond).UnixMilli(), 10) {
			t.Fatal("test premise: the reset is not a whole millisecond")
		}
		if !ok || rec.Header().Get("X-RateLimit-Remaining") != "0" || rec.Header().Get("X-RateLimit-Reset") != reset(t0.Add(1100*time.Millisecond)) {
			t.Fatalf("after the oldest left: admitted %v, headers %v", ok, rec.Header())
		}
		if l.deniedCount() != 1 {
			t.Errorf("denied %d, want 1", l.deniedCount())
		}
	}
	// Without headers: 429 and Retry-After only.
	l := newRateLimiter(RateLimit{Requests: 1, Window: 3 * time.Second})
	now := time.Now()
	l.admit(httptest.NewRecorder(), "k", now)
	rec := httptest.NewRecorder()
	if l.admit(rec, "k", now.Add(500*time.Millisecond)) || rec.Header().Get("Retry-After") != "3" || rec.Header().Get("X-RateLimit-Remaining") != "" {
		t.Errorf("without headers: %d %v", rec.Code, rec.Header())
	}
}

func TestParseRateLimit(t *testing.T) {
	t.Parallel()
	if l, err := ParseRateLimit("100/10s"); err != nil || l.Requests != 100 || l.Window != 10*time.Second {
		t.Errorf("100/10s = %+v, %v", l, err)
	}
	for _, bad := range []string{"", "100", "0/10s", "-1/1s", "x/1s", "10/", "10/0s", "10/-1s", "10/soon"} {
		if _, err := ParseRateLimit(bad); err == nil {
			t.Errorf("%q accepted", bad)
		}
	}
}
