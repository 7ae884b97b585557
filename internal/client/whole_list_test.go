package client

import "context"

// What the tests read a whole list through: the production code hands
// pages over as they arrive (Each) and never gathers a list itself.

// LeadsQuery selects the leads of one agent.
type LeadsQuery struct {
	AgentID            string
	StartDate, EndDate string
	PageSize, MaxLeads int
}

// ConversationsQuery selects the conversations of one agent.
type ConversationsQuery struct {
	AgentID                    string
	StartDate, EndDate         string
	FilteredSources            []string
	PageSize, MaxConversations int
}

// Result is a whole list, in the API's order, each item once.
type Result[T any] struct {
	Items []T
	Stats
}

func (c *Client) ListLeads(ctx context.Context, q LeadsQuery) (*Result[Lead], error) {
	return readAll(ctx, c, Leads, q.query())
}

func (c *Client) ListConversations(ctx context.Context, q ConversationsQuery) (*Result[Conversation], error) {
	return readAll(ctx, c, Conversations, q.query())
}

func (q LeadsQuery) query() Query {
	return Query{Params: AgentWindow{q.AgentID, q.StartDate, q.EndDate}.Params(), PageSize: q.PageSize, Limit: q.MaxLeads}
}

func (q ConversationsQuery) query() Query {
	params := ConversationParams(AgentWindow{q.AgentID, q.StartDate, q.EndDate}, q.FilteredSources)
	return Query{Params: params, PageSize: q.PageSize, Limit: q.MaxConversations}
}

// readAll gathers every page of l into memory.
func readAll[T any](ctx context.Context, c *Client, l List[T], q Query) (*Result[T], error) {
	res := &Result[T]{Items: []T{}}
	st, err := Each(ctx, c, l, q, func(items []T, restart bool) error {
		if restart {
			res.Items = res.Items[:0]
		}
		res.Items = append(res.Items, items...)
		return nil
	})
	if err != nil {
		return nil, err
	}
	res.Stats = st
	return res, nil
}
