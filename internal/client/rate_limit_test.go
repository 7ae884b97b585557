package client

import (
	"math"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"
)

// rateLimitNow is the clock of the parser's tests: 2026-03-01T12:00:00Z.
var rateLimitNow = time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)

func headers(kv ...string) http.Header {
	h := http.Header{}
	for i := 0; i+1 < len(kv); i += 2 {
		h.Set(kv[i], kv[i+1])
	}
	return h
}

func TestParseRateLimitReadsTheResetByItsMagnitude(t *testing.T) {
	in30s := rateLimitNow.Add(30 * time.Second)
	for _, tc := range []struct {
		name, reset string
		want        time.Time
		unit        ResetUnit
	}{
		{"Unix milliseconds, as Chatbase documents", strconv.FormatInt(in30s.UnixMilli(), 10), in30s, ResetUnixMillis},
		{"Unix milliseconds, fractional", strconv.FormatInt(in30s.UnixMilli(), 10) + ".5", in30s.Add(500 * time.Microsecond), ResetUnixMillis},
		{"Unix seconds", strconv.FormatInt(in30s.Unix(), 10), in30s, ResetUnixSeconds},
		{"Unix seconds, fractional", strconv.FormatInt(in30s.Unix(), 10) + ".25", in30s.Add(250 * time.Millisecond), ResetUnixSeconds},
		{"seconds to wait", "30", in30s, ResetDeltaSeconds},
		{"seconds to wait, fractional", "1.5", rateLimitNow.Add(1500 * time.Millisecond), ResetDeltaSeconds},
		{"zero seconds to wait", "0", rateLimitNow, ResetDeltaSeconds},
		{"whitespace around", "  30 ", in30s, ResetDeltaSeconds},
		{"in the past: the window has freed", strconv.FormatInt(rateLimitNow.Add(-time.Minute).UnixMilli(), 10), rateLimitNow.Add(-time.Minute), ResetUnixMillis},
		{"years ahead in milliseconds is cut to a day", "9999999999999", rateLimitNow.Add(maxResetAhead), ResetUnixMillis},
		{"years ahead in seconds is cut to a day", "99999999999", rateLimitNow.Add(maxResetAhead), ResetUnixSeconds},
		{"a delay beyond a day is cut to a day", "999999999", rateLimitNow.Add(maxResetAhead), ResetDeltaSeconds},
		{"a huge number is cut to a day", "1e300", rateLimitNow.Add(maxResetAhead), ResetUnixMillis},
		{"the first Unix time in milliseconds, 1e12 (2001)", "1000000000000", time.UnixMilli(1e12), ResetUnixMillis},
		{"the first Unix time in seconds, 1e9 (2001)", "1000000000", time.Unix(1e9, 0), ResetUnixSeconds},
		{"a day ahead to the millisecond, and a fraction more, is a day", strconv.FormatInt(rateLimitNow.Add(maxResetAhead).UnixMilli(), 10) + ".5", rateLimitNow.Add(maxResetAhead), ResetUnixMillis},
		{"a day ahead to the second, and a fraction more, is a day", strconv.FormatInt(rateLimitNow.Add(maxResetAhead).Unix(), 10) + ".5", rateLimitNow.Add(maxResetAhead), ResetUnixSeconds},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := parseRateLimit(headers(headerReset, tc.reset), rateLimitNow)
			if !r.reset.Equal(tc.want) || r.resetUnit != tc.unit {
				t.Errorf("Reset %q = %v (%s), want %v (%s)", tc.reset, r.reset, r.resetUnit, tc.want, tc.unit)
			}
		})
	}
}

func TestParseRateLimitIgnoresWhatItCannotRead(t *testing.T) {
	for _, v := range []string{"", "soon", "-1", "NaN", "Inf", "+Inf", "0x10", "1.5.2"} {
		r := parseRateLimit(headers(headerLimit, v, headerRemaining, v, headerReset, v), rateLimitNow)
		if r.limit != 0 || r.hasRemaining || !r.reset.IsZero() || r.resetUnit != "" || r.paces() {
			t.Errorf("%q read as %+v, want nothing", v, r)
		}
	}
}

func TestParseRateLimitReadsLimitRemainingAndRetryAfter(t *testing.T) {
	reset := strconv.FormatInt(rateLimitNow.Add(10*time.Second).UnixMilli(), 10)
	r := parseRateLimit(headers(headerLimit, "100", headerRemaining, " 7 ", headerReset, reset, headerRetry, "3"), rateLimitNow)
	if r.limit != 100 || !r.hasRemaining || r.remaining != 7 || !r.paces() || !r.hasRetryAfter || r.retryAfter != 3*time.Second {
		t.Errorf("got %+v", r)
	}
	// The IETF draft's list form: the first item.
	if r := parseRateLimit(headers(headerLimit, "100, 100;w=10", headerRemaining, "0;w=10"), rateLimitNow); r.limit != 100 || r.remaining != 0 || !r.hasRemaining {
		t.Errorf("list form read as %+v", r)
	}
	// Remaining without Reset does not say when to go on: no pacing.
	if r := parseRateLimit(headers(headerRemaining, "0"), rateLimitNow); r.paces() {
		t.Errorf("Remaining alone paces: %+v", r)
	}
	if got := headersSent(headers(headerRemaining, "0", headerRetry, "1", "X-Other", "x")); strings.Join(got, ",") != "X-RateLimit-Remaining,Retry-After" {
		t.Errorf("headersSent = %v", got)
	}
}

// FuzzParseRateLimit holds the header parser to its properties for any
// header values and any clock: it never panics; what it reads is within
// bounds; the unit of a Reset follows its magnitude alone; the same instant
// spelled in milliseconds and in seconds is read the same; a later Reset is
// never read as an earlier time; a delay counts from now; and whitespace
// around a value changes nothing.
func FuzzParseRateLimit(f *testing.F) {
	now := rateLimitNow.UnixMilli()
	for _, seed := range []struct {
		limit, remaining, reset, retryAfter string
	}{
		{"100", "99", strconv.FormatInt(now+10_000, 10), ""},
		{"20", "0", strconv.FormatInt(now/1000+2, 10), "2"},
		{"10", "3", "1.5", ""},
		{"100, 100;w=10", "0;w=10", "10", "Wed, 21 Oct 2015 07:28:00 GMT"},
		{"", "", "1e300", "-1"},
		{"x", "-3", "NaN", "soon"},
		{"0", "0", "999999999999.999", "99999999999999999999"},
	} {
		f.Add(seed.limit, seed.remaining, seed.reset, seed.retryAfter, now)
	}
	f.Fuzz(func(t *testing.T, limit, remaining, reset, retryAfter string, nowMillis int64) {
		// Any clock from 2001 to 2096: the ranges the units are told by.
		nowMillis = 1e12 + int64(math.Abs(float64(nowMillis%3e12)))
		now := time.UnixMilli(nowMillis)
		h := headers(headerLimit, limit, headerRemaining, remaining, headerReset, reset, headerRetry, retryAfter)
		r := parseRateLimit(h, now)

		if r.limit < 0 || r.remaining < 0 || (!r.hasRemaining && r.remaining != 0) || r.retryAfter < 0 || r.retryAfter > 24*time.Hour {
			t.Fatalf("out of bounds: %+v", r)
		}
		if r.paces() != (r.hasRemaining && !r.reset.IsZero()) {
			t.Fatalf("paces() = %v for %+v", r.paces(), r)
		}
		if r.reset.IsZero() != (r.resetUnit == "") {
			t.Fatalf("reset %v with unit %q", r.reset, r.resetUnit)
		}
		if !r.reset.IsZero() && r.reset.After(now.Add(maxResetAhead)) {
			t.Fatalf("Reset %q read as %v, more than a day after %v", reset, r.reset, now)
		}
		if spaced := parseRateLimit(headers(headerLimit, " "+limit+"\t", headerRemaining, " "+remaining, headerReset, reset+" ", headerRetry, retryAfter), now); spaced != r {
			t.Fatalf("whitespace changed the reading: %+v, want %+v", spaced, r)
		}

		v, err := strconv.ParseFloat(strings.TrimSpace(reset), 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) || v < 0 {
			if !r.reset.IsZero() {
				t.Fatalf("Reset %q is not a number, read as %v", reset, r.reset)
			}
			return
		}
		want := ResetDeltaSeconds
		switch {
		case v >= unixMillisFrom:
			want = ResetUnixMillis
		case v >= unixSecondsFrom:
			want = ResetUnixSeconds
		}
		if r.resetUnit != want {
			t.Fatalf("Reset %q read as %s, want %s by its magnitude", reset, r.resetUnit, want)
		}
		// A later value in the same unit is never an earlier time.
		if later, unit := parseReset(strconv.FormatFloat(v*1.5+1, 'f', -1, 64), now); unit == r.resetUnit && later.Before(r.reset) {
			t.Fatalf("Reset %v read as %v, a later value as %v", v, r.reset, later)
		}
		switch r.resetUnit {
		case ResetDeltaSeconds:
			if wantAt := now.Add(time.Duration(v * float64(time.Second))); v < maxResetAhead.Seconds() && r.reset.Sub(wantAt).Abs() > time.Microsecond {
				t.Fatalf("delay %q read as %v, want %v", reset, r.reset, wantAt)
			}
		case ResetUnixMillis:
			// The same instant in seconds: read the same, to the millisecond.
			ms := math.Floor(v)
			if ms >= 4e12 {
				return
			}
			inSeconds, unit := parseReset(strconv.FormatFloat(ms/1000, 'f', 3, 64), now)
			inMillis, _ := parseReset(strconv.FormatFloat(ms, 'f', 0, 64), now)
			if unit != ResetUnixSeconds || inSeconds.Sub(inMillis).Abs() > time.Millisecond {
				t.Fatalf("%.0f ms read as %v, the same in seconds as %v (%s)", ms, inMillis, inSeconds, unit)
			}
		}
	})
}
