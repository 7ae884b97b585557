package client

// Leads is GET /get-leads: the leads one agent collected (AgentWindow's
// parameters).
var Leads = List[Lead]{
	Path:   "get-leads",
	Decode: readLeadsPage,
	ID:     func(l Lead) string { return l.ID },
}
