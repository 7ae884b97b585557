package main

import (
	"flag"
	"fmt"
	"log"
	"os"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// dataEnds is -data-ends: the seeded data ends on fixed days of 2026, so a
// check such as "a lead in the last 7 days" always fails against it; this
// moves it to end on a day of the user's choosing.
var dataEnds = flag.String("data-ends", "", "move each agent's leads and conversations by whole days so that its newest falls on this UTC day: today, or a day as YYYY-MM-DD (default: the data's own days, in 2026)")

// endData applies -data-ends to the data the emulator will serve, and says
// so on standard error; without the flag it does nothing.
func endData(leads map[string][]emulator.Lead, conversations map[string][]emulator.Conversation, lists map[string]emulator.PerAgentList) {
	day, ok, err := parseDataEnd(*dataEnds, time.Now())
	if err != nil {
		log.Fatalf("chatzuri-emulator: -data-ends: %v", err)
	}
	if !ok {
		return
	}
	if err := emulator.EndDataOn(day, leads, conversations, lists); err != nil {
		log.Fatalf("chatzuri-emulator: -data-ends: %v", err)
	}
	fmt.Fprintf(os.Stderr, "chatzuri-emulator: each agent's leads and conversations moved by whole days to end on %s (UTC)\n", day.Format(time.DateOnly))
}

// parseDataEnd reads -data-ends: "today" (in UTC, at now) or YYYY-MM-DD;
// ok is false for "", the flag unset.
func parseDataEnd(value string, now time.Time) (day time.Time, ok bool, err error) {
	switch value {
	case "":
		return time.Time{}, false, nil
	case "today":
		now = now.UTC()
		return time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, time.UTC), true, nil
	}
	day, err = time.Parse(time.DateOnly, value)
	if err != nil {
		return time.Time{}, false, fmt.Errorf("%q is neither today nor a day written YYYY-MM-DD, such as 2026-12-31", value)
	}
	return day, true, nil
}
