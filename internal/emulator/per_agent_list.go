package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
	"time"
)

// PerAgentList is an endpoint of one agent's items, served from their JSON
// as given: agentId, the dates, page and size are checked as get-leads
// checks them, a date window keeps the items whose created_at falls on one
// of its days, and each page is {"data": [...]}. A list whose items need
// nothing more of the emulator is served by one: in tests through
// Options.PerAgentLists, in the standalone emulator through demoLists.
type PerAgentList struct {
	// Items maps agent ids to their items, each a JSON object, in the
	// order the API answers. An agent named here exists for every endpoint.
	Items map[string][]json.RawMessage
}

func (l PerAgentList) serve(s *Server, w http.ResponseWriter, q url.Values) {
	req, ok := s.listRequest(w, q)
	if !ok {
		return
	}
	items := l.Items[req.agentID]
	if !req.start.IsZero() || !req.end.IsZero() {
		items = createdWithin(items, req.start, req.end)
	}
	writePage(s, w, dataEnvelope, pageOf(items, req.page, req.size), func(item json.RawMessage, buf *bytes.Buffer) {
		buf.Write(item)
	})
}

// createdWithin keeps the items whose created_at starts with a day from
// start to end, both included (either zero is open); an item without one
// matches no window.
func createdWithin(items []json.RawMessage, start, end time.Time) []json.RawMessage {
	var kept []json.RawMessage
	for _, item := range items {
		var fields struct {
			CreatedAt *string `json:"created_at"`
		}
		if json.Unmarshal(item, &fields) != nil || fields.CreatedAt == nil || len(*fields.CreatedAt) < len(time.DateOnly) {
			continue
		}
		day, err := time.Parse(time.DateOnly, (*fields.CreatedAt)[:len(time.DateOnly)])
		if err != nil || (!start.IsZero() && day.Before(start)) || (!end.IsZero() && day.After(end)) {
			continue
		}
		kept = append(kept, item)
	}
	return kept
}

// demoLists are the per-agent lists the standalone emulator serves beside
// the demo's leads and conversations, by path under /api/v1: a list adds its
// own, from an init in its own file.
var demoLists = map[string]func() PerAgentList{}

// DemoLists are the per-agent lists of the catalogue the standalone
// emulator serves, by path.
func DemoLists() map[string]PerAgentList {
	lists := make(map[string]PerAgentList, len(demoLists))
	for path, seed := range demoLists {
		lists[path] = seed()
	}
	return lists
}
