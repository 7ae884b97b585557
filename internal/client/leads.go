package client

import "context"

// LeadsQuery selects the leads of one agent.
type LeadsQuery struct {
	AgentID string
	// StartDate and EndDate are YYYY-MM-DD, or empty for no bound.
	StartDate, EndDate string
	// PageSize is the size asked of each page; 0 means DefaultPageSize.
	PageSize int
	// MaxLeads is how many leads to return at most; 0 means all.
	MaxLeads int
}

// ListLeads reads every page of GET /get-leads for one agent into memory.
func (c *Client) ListLeads(ctx context.Context, q LeadsQuery) (*Result[Lead], error) {
	return collectAll(ctx, c, leadsListing(q))
}

// EachLeadsPage reads every page of GET /get-leads for one agent and hands
// each page's new leads to visit as it arrives, in the API's order, so the
// caller can convert them while later pages are still on their way. When
// restart is set, the leads handed over before must be dropped: the read
// began again from page 1. visit must not keep the slice past its return.
func (c *Client) EachLeadsPage(ctx context.Context, q LeadsQuery, visit func(leads []Lead, restart bool) error) (Stats, error) {
	return collect(ctx, c, leadsListing(q), visit)
}

func leadsListing(q LeadsQuery) listing[Lead] {
	scope := agentScope{agentID: q.AgentID, startDate: q.StartDate, endDate: q.EndDate, pageSize: q.PageSize, limit: q.MaxLeads}
	return agentListing("get-leads", scope, nil, decodeLeads, func(l Lead) string { return l.ID })
}
