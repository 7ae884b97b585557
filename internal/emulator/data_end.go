package emulator

import (
	"encoding/json"
	"fmt"
	"time"
)

// EndDataOn moves each agent's leads, conversations and per-agent list items
// by whole days, so that the agent's newest item falls on day (a UTC day).
// Times of day, the days between items, and so every count per day, stay as
// they were; an agent without items is left alone, and agents keep their
// own created_at. The maps are changed in place.
//
// The seeded data ends on fixed days in 2026; this lets a check such as "a
// lead in the last 7 days" be seen to pass as well as fail.
func EndDataOn(day time.Time, leads map[string][]Lead, conversations map[string][]Conversation, lists map[string]PerAgentList) error {
	day = time.Date(day.Year(), day.Month(), day.Day(), 0, 0, 0, 0, time.UTC)
	newest := map[string]time.Time{}
	see := func(agent string, at time.Time) {
		if at.After(newest[agent]) {
			newest[agent] = at
		}
	}
	for agent, items := range leads {
		for _, l := range items {
			see(agent, l.CreatedAt)
		}
	}
	for agent, items := range conversations {
		for _, c := range items {
			see(agent, c.CreatedAt)
		}
	}
	for path, list := range lists {
		for agent, items := range list.Items {
			for _, item := range items {
				at, ok, err := itemCreatedAt(item)
				if err != nil {
					return fmt.Errorf("%s, agent %s: %w", path, agent, err)
				}
				if ok {
					see(agent, at)
				}
			}
		}
	}

	// days is how far an agent's items move: from its newest item's day to day.
	days := func(agent string) int {
		if newest[agent].IsZero() {
			return 0
		}
		at := newest[agent].UTC()
		last := time.Date(at.Year(), at.Month(), at.Day(), 0, 0, 0, 0, time.UTC)
		return int(day.Sub(last).Hours() / 24)
	}
	for agent, items := range leads {
		moved := make([]Lead, len(items))
		for i, l := range items {
			l.CreatedAt = l.CreatedAt.AddDate(0, 0, days(agent))
			moved[i] = l
		}
		leads[agent] = moved
	}
	for agent, items := range conversations {
		moved := make([]Conversation, len(items))
		for i, c := range items {
			c.CreatedAt = c.CreatedAt.AddDate(0, 0, days(agent))
			moved[i] = c
		}
		conversations[agent] = moved
	}
	for path, list := range lists {
		for agent, items := range list.Items {
			moved := make([]json.RawMessage, len(items))
			for i, item := range items {
				var err error
				if moved[i], err = moveItem(item, days(agent)); err != nil {
					return fmt.Errorf("%s, agent %s: %w", path, agent, err)
				}
			}
			list.Items[agent] = moved
		}
	}
	return nil
}

// itemCreatedAt is a per-agent list item's created_at; ok is false when the
// item has none (absent or null), which no day can move.
func itemCreatedAt(item json.RawMessage) (at time.Time, ok bool, err error) {
	var fields struct {
		CreatedAt *string `json:"created_at"`
	}
	if err := json.Unmarshal(item, &fields); err != nil {
		return time.Time{}, false, fmt.Errorf("an item is not a JSON object: %w", err)
	}
	if fields.CreatedAt == nil {
		return time.Time{}, false, nil
	}
	at, err = time.Parse(time.RFC3339, *fields.CreatedAt)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("created_at %q is not an RFC 3339 time, which the emulator can move", *fields.CreatedAt)
	}
	return at, true, nil
}

// moveItem is item with its created_at moved by days, written as it was
// (RFC 3339, in the same offset); an item without one is returned as it is.
func moveItem(item json.RawMessage, days int) (json.RawMessage, error) {
	at, ok, err := itemCreatedAt(item)
	if err != nil || !ok {
		return item, err
	}
	var fields map[string]json.RawMessage
	if err := json.Unmarshal(item, &fields); err != nil {
		return nil, err
	}
	if fields["created_at"], err = json.Marshal(at.AddDate(0, 0, days).Format(time.RFC3339)); err != nil {
		return nil, err
	}
	return json.Marshal(fields)
}
