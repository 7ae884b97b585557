package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// leadCounts is chatzuri_lead_counts: chatzuri_leads, counted.
var leadCounts = countsDefinition[client.Lead]{
	list: leads,
	name: "lead_counts",
	description: "Counts the leads that one Chatzuri agent collected: in all, per UTC day, and those without a date. " +
		"It reads `GET /get-leads` exactly as the `chatzuri_leads` data source does (the same arguments, validation, paging, " +
		"request budget and errors) and keeps only the counts: no lead and no personal data is in the state or the plan, " +
		"however many leads the agent has. Use it for alerts (`check` blocks) and dashboards.",
	leftOut:   []string{"max_leads"},
	createdAt: func(l client.Lead) *string { return l.CreatedAt },
}

// NewLeadCountsDataSource is the chatzuri_lead_counts data source.
func NewLeadCountsDataSource() datasource.DataSource { return newListCountsDataSource(leadCounts)() }
