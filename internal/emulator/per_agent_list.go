package emulator

import (
	"bytes"
	"encoding/json"
	"net/http"
	"net/url"
)

// PerAgentList is an endpoint of one agent's items that the emulator serves
// beside Chatzuri's, for a list the provider declares in a test only: it
// checks agentId, page and size as get-leads does, and answers pages of
// {"data": [...]} holding the items as given.
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
	writePage(s, w, dataEnvelope, pageOf(l.Items[req.agentID], req.page, req.size), func(item json.RawMessage, buf *bytes.Buffer) {
		buf.Write(item)
	})
}
