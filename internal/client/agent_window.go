package client

import "net/url"

// DefaultPageSize is the largest page size the API documents.
const DefaultPageSize = 100

// AgentWindow selects one agent's items, optionally within a window of
// days: what every per-agent endpoint (get-leads, get-conversations) is
// asked.
type AgentWindow struct {
	AgentID string
	// StartDate and EndDate are YYYY-MM-DD, or empty for no bound.
	StartDate, EndDate string
}

// Params are the window's query parameters.
func (w AgentWindow) Params() url.Values {
	params := url.Values{}
	params.Set("agentId", w.AgentID)
	// Older Chatzuri pages and Chatbase name the parameter chatbotId.
	params.Set("chatbotId", w.AgentID)
	if w.StartDate != "" {
		params.Set("startDate", w.StartDate)
	}
	if w.EndDate != "" {
		params.Set("endDate", w.EndDate)
	}
	return params
}
