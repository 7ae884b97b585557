package provider

import (
	"strings"
	"testing"
)

func TestParseDate(t *testing.T) {
	t.Parallel()
	for _, ok := range []string{"2026-01-05", "2024-02-29", "1999-12-31"} {
		if _, err := parseDate(ok); err != nil {
			t.Errorf("parseDate(%q) = %v, want it accepted", ok, err)
		}
	}
	for in, want := range map[string]string{
		"2026-02-30":           "not a day of the calendar",
		"2025-02-29":           "not a day of the calendar",
		"2026-13-01":           "not a day of the calendar",
		"2026-1-5":             "YYYY-MM-DD",
		"26-01-05":             "YYYY-MM-DD",
		"2026/01/05":           "YYYY-MM-DD",
		"2026-01-05T00:00:00Z": "YYYY-MM-DD",
		"":                     "YYYY-MM-DD",
		" 2026-01-05":          "YYYY-MM-DD",
	} {
		_, err := parseDate(in)
		if err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("parseDate(%q) = %v, want an error saying %q", in, err, want)
		}
	}
}
