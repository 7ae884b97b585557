package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// leads is chatzuri_leads: GET /get-leads, one agent's leads.
var leads = listDefinition[client.Lead]{
	name: "leads",
	item: "lead",
	description: "Reads every lead (a visitor's name, email and phone) that one Chatzuri agent collected, " +
		"from all pages of `GET /get-leads`, in the API's order, each lead once.",
	personalData: "Leads",
	listDescription: "The agent's leads, in the order the API returns them, each lead once (de-duplicated by `id`). " +
		"An agent with no leads gives an empty list. A field the API sends as null or leaves out is null.",
	itemAttributes: leadAttributes(),
	arguments:      agentArguments("leads", "lead", "max_leads"),
	pageSize:       pageSizeUndocumented,
	fieldSelection: true,
	ofAgent:        true,
	limitArgument:  "max_leads",
	narrowHint:     agentWindowNarrowHint,
	badRequestHint: agentWindowBadRequestHint,
	validate:       validateAgentWindow("lead"),
	request: func(ctx context.Context, config tfsdk.Config) (listRequest, diag.Diagnostics) {
		s, diags := readAgentSelection(ctx, config, "max_leads")
		return s.request(s.window.Params()), diags
	},
	api: client.Leads,
}

// NewLeadsDataSource is the chatzuri_leads data source.
func NewLeadsDataSource() datasource.DataSource { return newListDataSource(leads)() }

// leadAttributes are deliberately not Sensitive: Terraform (1.11, and still
// 1.15) spends time quadratic in the number of leads applying marks inside a
// list (see DESIGN.md). The docs warn that leads are personal data instead.
func leadAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":                    computedString("The lead's id, as a string (the API sends a number, kept digit for digit; some variants send a string). Unique within the list; use it as a `for_each` key."),
		"created_at":            computedString("When the lead was collected, as the API sends it, unchanged. Chatzuri does not document the format; expect RFC 3339 in UTC, such as `2026-01-05T09:30:00Z`. `provider::chatzuri::utc_day(created_at)` gives the UTC day it counts on in `chatzuri_lead_counts`."),
		"chatbot_owner_user_id": computedString("The id of the user who owns the agent."),
		"chatbot_id":            computedString("The id of the agent that collected the lead."),
		"phone":                 computedString("The visitor's phone number. Personal data."),
		"email":                 computedString("The visitor's email address. Personal data."),
		"name":                  computedString("The visitor's name. Personal data."),
	}
}
