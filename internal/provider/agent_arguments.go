package provider

import (
	"context"
	"fmt"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// What every per-agent list (chatzuri_leads, chatzuri_conversations) takes:
// an agent, a window of days and a limit, their validation, and the id they
// make. Its page_size is its declaration's (list_page_size.go).

// The hints a per-agent list's messages give (listDefinition.narrowHint and
// badRequestHint): its window of days is what narrows it, and what Chatzuri
// refuses.
const (
	agentWindowNarrowHint     = "narrow the read with start_date and end_date (one data source per month, with for_each over the months)"
	agentWindowBadRequestHint = "Chatzuri answers 400 for start and end dates it cannot read: check start_date and end_date (YYYY-MM-DD)."
)

// maxListLimit is the most items a list can hold: the client's bound on
// pages times the largest page size.
const maxListLimit = client.DefaultMaxPages * client.DefaultPageSize

// agentArguments are the arguments of a per-agent list of plural ("leads"),
// one of which is a singular ("lead"), cut at most by limitName.
func agentArguments(plural, singular, limitName string) map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"agent_id": schema.StringAttribute{
			MarkdownDescription: "The id of the agent whose " + plural + " are read (the API's `agentId`, called `chatbotId` on older pages).",
			Required:            true,
			Validators: []validator.String{
				notBlank("the id of a Chatzuri agent, such as agt_123"),
				noSurroundingSpace{},
			},
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
		limitName: schema.NumberAttribute{
			MarkdownDescription: fmt.Sprintf("Return at most this many "+plural+", the first ones in the API's order: a whole number from 1 to %d. When the agent has more, "+
				"the list is cut to this length and Terraform shows a warning saying so. Unset means every "+singular+".", maxListLimit),
			Optional:   true,
			Validators: []validator.Number{wholeNumber{min: 1, max: maxListLimit}},
		},
	}
}

// validateAgentWindow refuses an end_date before start_date. item names what
// the list holds, for the message ("lead").
func validateAgentWindow(item string) func(context.Context, tfsdk.Config) diag.Diagnostics {
	return func(ctx context.Context, config tfsdk.Config) diag.Diagnostics {
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
}

// agentSelection is what a per-agent list's common arguments select.
type agentSelection struct {
	window    client.AgentWindow
	limit     int
	limitName string
	// idArgs are the arguments that name the selection in the id.
	idArgs url.Values
}

// readAgentSelection reads the common arguments out of a configuration,
// which the framework has decoded and validated.
func readAgentSelection(ctx context.Context, config tfsdk.Config, limitName string) (agentSelection, diag.Diagnostics) {
	var agentID, start, end types.String
	var limit types.Number
	var diags diag.Diagnostics
	diags.Append(config.GetAttribute(ctx, path.Root("agent_id"), &agentID)...)
	diags.Append(config.GetAttribute(ctx, path.Root("start_date"), &start)...)
	diags.Append(config.GetAttribute(ctx, path.Root("end_date"), &end)...)
	diags.Append(config.GetAttribute(ctx, path.Root(limitName), &limit)...)
	s := agentSelection{
		window:    client.AgentWindow{AgentID: agentID.ValueString(), StartDate: start.ValueString(), EndDate: end.ValueString()},
		limit:     wholeValue(limit),
		limitName: limitName,
		idArgs:    url.Values{},
	}
	if s.window.StartDate != "" {
		s.idArgs.Set("start_date", s.window.StartDate)
	}
	if s.window.EndDate != "" {
		s.idArgs.Set("end_date", s.window.EndDate)
	}
	if s.limit > 0 {
		s.idArgs.Set(limitName, fmt.Sprint(s.limit))
	}
	return s, diags
}

// request is the list request for the selection, with params as the query.
func (s agentSelection) request(params url.Values) listRequest {
	return listRequest{
		query:   client.Query{Params: params, Limit: s.limit},
		id:      selectionID(s.window.AgentID, s.idArgs),
		agentID: s.window.AgentID,
	}
}

func isKnown(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }
