package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

func TestParseDataEnd(t *testing.T) {
	t.Parallel()
	// 23:30 on 31 December in UTC-5 is already 1 January in UTC.
	now := time.Date(2026, 12, 31, 23, 30, 0, 0, time.FixedZone("UTC-5", -5*3600))
	for _, tc := range []struct {
		value string
		want  string // the day; "" for no flag
		err   bool
	}{
		{"", "", false},
		{"today", "2027-01-01", false},
		{"2026-12-08", "2026-12-08", false},
		{"2026-2-30", "", true},
		{"yesterday", "", true},
	} {
		day, ok, err := parseDataEnd(tc.value, now)
		switch {
		case tc.err:
			if err == nil {
				t.Errorf("-data-ends %q: no error", tc.value)
			}
		case err != nil:
			t.Errorf("-data-ends %q: %v", tc.value, err)
		case tc.want == "" && ok:
			t.Errorf("-data-ends %q: ends the data on %s, want it left as it is", tc.value, day)
		case tc.want != "" && (!ok || day.Format(time.DateOnly) != tc.want || day.Location() != time.UTC):
			t.Errorf("-data-ends %q: %s (set %v), want %s UTC", tc.value, day, ok, tc.want)
		}
	}
}

// TestDemoDataDaysAreDocumented holds the tables of the demo agents' days, in
// the README and the testing guide, to the data the emulator serves.
func TestDemoDataDaysAreDocumented(t *testing.T) {
	t.Parallel()
	leads, conversations := emulator.DemoLeads(), emulator.DemoConversations()
	var rows []string
	for _, agent := range slices.Sorted(maps.Keys(leads)) {
		var leadDays, conversationDays []time.Time
		for _, l := range leads[agent] {
			leadDays = append(leadDays, l.CreatedAt)
		}
		for _, c := range conversations[agent] {
			conversationDays = append(conversationDays, c.CreatedAt)
		}
		rows = append(rows, fmt.Sprintf("| `%s` | %s | %s |", agent, daysCovered(leadDays), daysCovered(conversationDays)))
	}
	for _, page := range []string{"README.md", filepath.Join("docs", "guides", "testing.md")} {
		text, err := os.ReadFile(filepath.Join("..", "..", page))
		if err != nil {
			t.Fatal(err)
		}
		for _, row := range rows {
			if !strings.Contains(string(text), row) {
				t.Errorf("%s does not have the row %s", page, row)
			}
		}
	}
}

// daysCovered says how many items there are and the UTC days they cover.
func daysCovered(created []time.Time) string {
	if len(created) == 0 {
		return "none"
	}
	first, last := slices.MinFunc(created, time.Time.Compare), slices.MaxFunc(created, time.Time.Compare)
	from, to := first.UTC().Format(time.DateOnly), last.UTC().Format(time.DateOnly)
	if from == to {
		return fmt.Sprintf("%d, on %s", len(created), from)
	}
	return fmt.Sprintf("%d, from %s to %s", len(created), from, to)
}
