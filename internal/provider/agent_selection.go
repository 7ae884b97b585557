package provider

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-validators/int64validator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// What every per-agent data source (chatzuri_leads, chatzuri_conversations)
// shares: its arguments, their validation, its id, and a configured client.

// validateDateWindow refuses an end_date before start_date. item names what
// the data source reads, for the message ("lead", "conversation").
func validateDateWindow(ctx context.Context, config tfsdk.Config, item string) diag.Diagnostics {
	var start, end types.String
	diags := config.GetAttribute(ctx, path.Root("start_date"), &start)
	diags.Append(config.GetAttribute(ctx, path.Root("end_date"), &end)...)
	if diags.HasError() || !isKnown(start) || !isKnown(end) {
		return diags
	}
	startDay, err1 := parseDate(start.ValueString())
	endDay, err2 := parseDate(end.ValueString())
	if err1 == nil && err2 == nil && startDay.After(endDay) {
		diags.AddAttributeError(path.Root("end_date"), "end_date is before start_date",
			fmt.Sprintf("end_date (%s) is before start_date (%s), so no %s could match. Swap them, or move end_date to on or after start_date.",
				end.ValueString(), start.ValueString(), item))
	}
	return diags
}

// selectionID names the selection that an agent and arguments make, so it
// is stable across reads: the agent alone, or the agent and the arguments
// as a sorted query string.
func selectionID(agentID string, args url.Values) string {
	if len(args) == 0 {
		return agentID
	}
	return agentID + "?" + args.Encode()
}

// providerDataFrom is the configured provider's data for a data source's
// Configure; nil before the provider is configured.
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}

// configured reports whether Read may use data, and says why not when it
// may not.
func configured(data *providerData, resp *datasource.ReadResponse) bool {
	if data == nil {
		resp.Diagnostics.AddError("Provider not configured",
			"The chatzuri provider was not configured before this data source was read. This is a bug in the provider; please report it.")
		return false
	}
	return true
}

// selectionAttributes are the arguments every per-agent listing takes:
// agent_id, the date window, page_size and a limit named limitName. plural
// and singular name the listed things ("leads", "lead").
func selectionAttributes(plural, singular, limitName string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"agent_id": schema.StringAttribute{
			MarkdownDescription: "The id of the agent whose " + plural + " are read (the API's `agentId`, called `chatbotId` on older pages).",
			Required:            true,
			Validators:          []validator.String{notBlank("the id of a Chatzuri agent, such as agt_123")},
		},
		"start_date": schema.StringAttribute{
			MarkdownDescription: "Only " + plural + " created on or after this day (inclusive), written `YYYY-MM-DD`. Days are calendar days in UTC.",
			Optional:            true,
			Validators:          []validator.String{dateValidator{}},
		},
		"end_date": schema.StringAttribute{
			MarkdownDescription: "Only " + plural + " created on or before this day (inclusive), written `YYYY-MM-DD`. Days are calendar days in UTC. Must not be before `start_date`.",
			Optional:            true,
			Validators:          []validator.String{dateValidator{}},
		},
		"page_size": schema.Int64Attribute{
			MarkdownDescription: fmt.Sprintf("How many "+plural+" to ask for per request. Defaults to `%d`, the largest page size Chatzuri documents for any listing. "+
				"A server that returns fewer than asked is handled: reading continues until a page is empty or brings nothing new.", client.DefaultPageSize),
			Optional:   true,
			Validators: []validator.Int64{int64validator.AtLeast(1)},
		},
		limitName: schema.Int64Attribute{
			MarkdownDescription: "Return at most this many " + plural + ", the first ones in the API's order. When the agent has more, " +
				"the list is cut to this length and Terraform shows a warning saying so. Unset means every " + singular + ".",
			Optional:   true,
			Validators: []validator.Int64{int64validator.AtLeast(1)},
		},
	}
}
