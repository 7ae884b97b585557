package emulator

import (
	"encoding/json"
	"strings"
	"testing"
	"time"
)

func TestEndDataOn_movesEachAgentsNewestItemToTheDay(t *testing.T) {
	t.Parallel()
	leads, conversations := DemoLeads(), DemoConversations()
	before, beforeConversations := DemoLeads(), DemoConversations()
	lists := map[string]PerAgentList{"get-notes": {Items: map[string][]json.RawMessage{
		"agt_demo":  {json.RawMessage(`{"id":"n1","created_at":"2026-01-05T10:00:00+03:00"}`), json.RawMessage(`{"id":"n2","created_at":null}`)},
		"agt_notes": {json.RawMessage(`{"id":"n3","created_at":"2026-02-01T23:30:00Z","text":"kept"}`)},
	}}}
	day := time.Date(2027, 6, 30, 15, 4, 5, 0, time.UTC) // the time of day is ignored
	if err := EndDataOn(day, leads, conversations, lists); err != nil {
		t.Fatal(err)
	}

	// agt_demo's newest item is its note of 2026-01-05 (07:00 UTC), after its
	// leads (to 2026-01-02) and conversations (2026-01-01): all move by
	// the days from 2026-01-05 to 2027-06-30.
	moveBy := day.Truncate(24 * time.Hour).Sub(time.Date(2026, 1, 5, 0, 0, 0, 0, time.UTC))
	for i, l := range leads["agt_demo"] {
		if want := before["agt_demo"][i].CreatedAt.Add(moveBy); !l.CreatedAt.Equal(want) {
			t.Errorf("agt_demo lead %s: created_at %s, want %s", l.ID, l.CreatedAt, want)
		}
	}
	for i, c := range conversations["agt_demo"] {
		if want := beforeConversations["agt_demo"][i].CreatedAt.Add(moveBy); !c.CreatedAt.Equal(want) {
			t.Errorf("agt_demo conversation %s: created_at %s, want %s", c.ID, c.CreatedAt, want)
		}
	}
	notes := lists["get-notes"].Items
	if got, want := string(notes["agt_demo"][0]), `{"created_at":"2027-06-30T10:00:00+03:00","id":"n1"}`; got != want {
		t.Errorf("agt_demo's note is %s, want %s", got, want)
	}
	if got, want := string(notes["agt_demo"][1]), `{"id":"n2","created_at":null}`; got != want {
		t.Errorf("an undated note is %s, want it as it was: %s", got, want)
	}
	if got, want := string(notes["agt_notes"][0]), `{"created_at":"2027-06-30T23:30:00Z","id":"n3","text":"kept"}`; got != want {
		t.Errorf("agt_notes' note is %s, want %s", got, want)
	}

	// agt_sales ends on its own newest item, a lead of 2026-03-20.
	if got := newestLead(leads["agt_sales"]).Format(time.DateOnly); got != "2027-06-30" {
		t.Errorf("agt_sales' newest lead is on %s, want 2027-06-30", got)
	}
	if got, want := newestLead(leads["agt_sales"]).Format("15:04:05"), newestLead(before["agt_sales"]).Format("15:04:05"); got != want {
		t.Errorf("agt_sales' newest lead is at %s, want its time of day kept: %s", got, want)
	}
	if got := len(leads["agt_empty"]) + len(conversations["agt_empty"]); got != 0 {
		t.Errorf("agt_empty has %d items", got)
	}
	for agent := range before {
		if len(leads[agent]) != len(before[agent]) {
			t.Errorf("%s has %d leads, want %d", agent, len(leads[agent]), len(before[agent]))
		}
	}
}

func TestEndDataOn_refusesAListItemItCannotMove(t *testing.T) {
	t.Parallel()
	lists := map[string]PerAgentList{"get-notes": {Items: map[string][]json.RawMessage{
		"agt_a": {json.RawMessage(`{"id":"n1","created_at":"5 January 2026"}`)},
	}}}
	err := EndDataOn(time.Now(), nil, nil, lists)
	if err == nil || !strings.Contains(err.Error(), `get-notes, agent agt_a: created_at "5 January 2026" is not an RFC 3339 time`) {
		t.Errorf("got %v, want an error naming the list, the agent and the created_at", err)
	}
}

func newestLead(leads []Lead) time.Time {
	var newest time.Time
	for _, l := range leads {
		if l.CreatedAt.After(newest) {
			newest = l.CreatedAt
		}
	}
	return newest
}
