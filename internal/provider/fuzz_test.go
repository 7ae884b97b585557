package provider

import (
	"strings"
	"testing"
	"time"
)

// FuzzParseDate: any input is either refused or a real day that reads back
// exactly as written.
func FuzzParseDate(f *testing.F) {
	for _, seed := range []string{"2026-01-05", "2024-02-29", "2025-02-29", "2026-1-5", "2026-13-01", "", "0000-00-00", "9999-12-31", "2026-01-05T00:00:00Z", "２０２６-01-05"} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, s string) {
		d, err := parseDate(s)
		if err != nil {
			return
		}
		if got := d.Format(time.DateOnly); got != s {
			t.Fatalf("parseDate(%q) accepted a date that reads back as %q", s, got)
		}
	})
}

// FuzzUTCDay: a created_at from the network is undated or on a real day,
// within a day of the date it starts with; the separator's form and the
// offset's (Z or z, +hh:mm or +hhmm) do not change the day; and where Go's
// RFC 3339 parser reads the same value, the day is its UTC day.
func FuzzUTCDay(f *testing.F) {
	for _, tc := range utcDayForms {
		if tc.createdAt != nil {
			f.Add(*tc.createdAt)
		}
	}
	f.Fuzz(func(t *testing.T, s string) {
		day, ok := utcDay(&s)
		if !ok {
			if day != "" {
				t.Fatalf("utcDay(%q) = %q for an undated value", s, day)
			}
			return
		}
		d, err := time.Parse(time.DateOnly, day)
		if err != nil || d.Format(time.DateOnly) != day {
			t.Fatalf("utcDay(%q) = %q, not a day", s, day)
		}
		if written, err := time.Parse(time.DateOnly, s[:min(len(s), len(time.DateOnly))]); err == nil {
			if gap := d.Sub(written); gap < -24*time.Hour || gap > 24*time.Hour {
				t.Fatalf("utcDay(%q) = %q, more than a day from the date written", s, day)
			}
			if len(s) == len(time.DateOnly) && day != s {
				t.Fatalf("utcDay(%q) = %q, want the date itself", s, day)
			}
		}
		for _, variant := range utcDayVariants(s) {
			if got, gotOK := utcDay(&variant); got != day || !gotOK {
				t.Fatalf("utcDay(%q) = %q but utcDay(%q) = %q, %v", s, day, variant, got, gotOK)
			}
		}
		if parsed, err := time.Parse(time.RFC3339Nano, s); err == nil && parsed.UTC().Format(time.DateOnly) != day {
			t.Fatalf("utcDay(%q) = %q, but its UTC day is %s", s, day, parsed.UTC().Format(time.DateOnly))
		}
	})
}

// utcDayVariants are s written with each other separator between date and
// time, and with its offset in the other form of the rule.
func utcDayVariants(s string) []string {
	var out []string
	if len(s) > 10 && strings.ContainsRune("Tt ", rune(s[10])) {
		for _, sep := range []string{"T", "t", " "} {
			out = append(out, s[:10]+sep+s[11:])
		}
	}
	switch n := len(s); {
	case strings.HasSuffix(s, "Z"), strings.HasSuffix(s, "z"):
		out = append(out, s[:n-1]+"Z", s[:n-1]+"z")
	case n > 6 && (s[n-6] == '+' || s[n-6] == '-') && s[n-3] == ':':
		out = append(out, s[:n-3]+s[n-2:]) // +hh:mm as +hhmm
	case n > 5 && (s[n-5] == '+' || s[n-5] == '-') && !strings.Contains(s[n-5:], ":"):
		out = append(out, s[:n-2]+":"+s[n-2:]) // +hhmm as +hh:mm
	}
	return out
}
