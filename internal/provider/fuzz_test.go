package provider

import (
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
