package provider

import (
	"context"
	"encoding/json"
	"fmt"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// chatzuri_notes is a list only the tests declare, on an endpoint only the
// tests' emulator serves (emulator.PerAgentList): one agent's notes. It is
// what a new list costs: this declaration and its suite row, with no edit
// to the engine, and it runs the whole list suite.

type note struct {
	ID        string
	Text      *string
	CreatedAt *string `json:"created_at"`
}

var notesAPI = client.List[note]{
	Path: "get-notes",
	Decode: func(body []byte, _ *client.PageShape) ([]note, error) {
		var page struct{ Data []note }
		err := json.Unmarshal(body, &page)
		return page.Data, err
	},
	ID: func(n note) string { return n.ID },
}

var notes = listDefinition[note]{
	name:            "notes",
	item:            "note",
	description:     "Reads every note of one agent.",
	listDescription: "The agent's notes, in the API's order.",
	itemAttributes: map[string]schema.Attribute{
		"id":         computedString("The note's id."),
		"text":       computedString("What the note says."),
		"created_at": computedString("When the note was written."),
	},
	arguments:      agentArguments("notes", "note", "max_notes"),
	pageSize:       &pageSizing{max: 250},
	fieldSelection: true,
	ofAgent:        true,
	limitArgument:  "max_notes",
	narrowHint:     agentWindowNarrowHint,
	badRequestHint: agentWindowBadRequestHint,
	validate:       validateAgentWindow("note"),
	request: func(ctx context.Context, config tfsdk.Config) (listRequest, diag.Diagnostics) {
		s, diags := readAgentSelection(ctx, config, "max_notes")
		return s.request(s.window.Params()), diags
	},
	api: notesAPI,
}

// seedNotes are n notes, newest first, six hours apart, every third
// without text.
func seedNotes(n int) []note {
	notes := make([]note, n)
	first := time.Date(2026, 1, 1, 9, 0, 0, 0, time.UTC)
	for i := range notes {
		notes[i] = note{ID: fmt.Sprintf("note_%d", i), CreatedAt: ptr(first.Add(time.Duration(n-1-i) * 6 * time.Hour).Format(time.RFC3339))}
		if i%3 != 0 {
			notes[i].Text = ptr(fmt.Sprintf("Call back about order %d", 1000+i))
		}
	}
	return notes
}

// chatzuri_notes' row of the list suite (list_suite_test.go).
func init() {
	inSuite(suiteRow(notes, listUnderTest{
		emulatorOnly: true,
		serve: func(agent string, n int) emulator.Options {
			var items []json.RawMessage
			for _, n := range seedNotes(n) {
				b, _ := json.Marshal(map[string]*string{"id": &n.ID, "text": n.Text, "created_at": n.CreatedAt})
				items = append(items, b)
			}
			return emulator.Options{PerAgentLists: map[string]emulator.PerAgentList{"get-notes": {Items: map[string][]json.RawMessage{agent: items}}}}
		},
		want: func(_ *testing.T, _ *accTarget, opts emulator.Options, agent string) []item {
			return itemsOf(seedNotes(len(opts.PerAgentLists["get-notes"].Items[agent])))
		},
		window: func(_ *testing.T, _ *accTarget, opts emulator.Options, agent, start, end string) []item {
			var in []note
			for _, n := range seedNotes(len(opts.PerAgentLists["get-notes"].Items[agent])) {
				if day := (*n.CreatedAt)[:len(time.DateOnly)]; day >= start && day <= end {
					in = append(in, n)
				}
			}
			return itemsOf(in)
		},
	}))
}
