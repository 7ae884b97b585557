package client

import "net/url"

// DefaultPageSize is the largest page size the API documents.
const DefaultPageSize = 100

// agentScope is what every per-agent listing (get-leads, get-conversations)
// is asked for: one agent, an optional window of days, a page size and a
// bound on the items returned.
type agentScope struct {
	agentID string
	// startDate and endDate are YYYY-MM-DD, or empty for no bound.
	startDate, endDate string
	// pageSize is the size asked of each page; 0 or less means DefaultPageSize.
	pageSize int
	// limit is how many items to return at most; 0 means all.
	limit int
}

// agentListing describes path's listing for one agent: the parameters the
// per-agent endpoints share, plus extra ones of path's own. Paging, retries,
// concurrency and termination are collect's, the same for every endpoint.
func agentListing[T any](path string, s agentScope, extra url.Values, decode func([]byte) ([]T, error), id func(T) string) listing[T] {
	query := url.Values{}
	query.Set("agentId", s.agentID)
	// Older Chatzuri pages and Chatbase name the parameter chatbotId.
	query.Set("chatbotId", s.agentID)
	if s.startDate != "" {
		query.Set("startDate", s.startDate)
	}
	if s.endDate != "" {
		query.Set("endDate", s.endDate)
	}
	for k, v := range extra {
		query[k] = v
	}
	size := s.pageSize
	if size <= 0 {
		size = DefaultPageSize
	}
	return listing[T]{
		path:     path,
		decode:   decode,
		query:    query,
		pageSize: size,
		limit:    s.limit,
		id:       id,
	}
}
