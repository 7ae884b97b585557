package provider

import (
	"context"
	"fmt"
	"maps"
	"net/url"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure      = &leadsDataSource{}
	_ datasource.DataSourceWithValidateConfig = &leadsDataSource{}
)

// NewLeadsDataSource is the chatzuri_leads data source.
func NewLeadsDataSource() datasource.DataSource {
	return &leadsDataSource{}
}

type leadsDataSource struct {
	data *providerData
}

type leadsDataSourceModel struct {
	ID        types.String   `tfsdk:"id"`
	AgentID   types.String   `tfsdk:"agent_id"`
	StartDate types.String   `tfsdk:"start_date"`
	EndDate   types.String   `tfsdk:"end_date"`
	PageSize  types.Int64    `tfsdk:"page_size"`
	MaxLeads  types.Int64    `tfsdk:"max_leads"`
	Leads     types.List     `tfsdk:"leads"`
	Timeouts  timeouts.Value `tfsdk:"timeouts"`
}

func (d *leadsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_leads"
}

func (d *leadsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads every lead (a visitor's name, email and phone) that one Chatzuri agent collected, " +
			"from all pages of `GET /get-leads`, in the API's order, each lead once.\n\n" +
			"~> **Personal data.** Leads are personal data and are stored in plain text in the Terraform state. " +
			"Keep the state in an encrypted backend with restricted access, and wrap outputs that carry lead fields in `sensitive()`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "An identifier derived from the arguments (agent, dates and `max_leads`): the same arguments give the same `id`.",
				Computed:            true,
			},
			"leads": schema.ListNestedAttribute{
				MarkdownDescription: "The agent's leads, in the order the API returns them, each lead once (de-duplicated by `id`). " +
					"An agent with no leads gives an empty list. A field the API sends as null or leaves out is null.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: leadAttributes(),
				},
			},
		},
	}
	maps.Copy(resp.Schema.Attributes, selectionAttributes("leads", "lead", "max_leads"))
	resp.Schema.Attributes["timeouts"] = readTimeoutAttribute(ctx)
}

// leadAttributes are deliberately not Sensitive: Terraform 1.11 spends time
// quadratic in the number of leads applying marks inside a list (10,000 leads
// took 542 s of Terraform CPU against 0.47 s plain). The docs warn that leads
// are personal data instead.
func leadAttributes() map[string]schema.Attribute {
	text := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":                    text("The lead's id, as a string (the API sends a number, kept digit for digit; some variants send a string). Unique within the list; use it as a `for_each` key."),
		"created_at":            text("When the lead was collected, as the API sends it, unchanged. Chatzuri does not document the format; expect RFC 3339 in UTC, such as `2026-01-05T09:30:00Z`."),
		"chatbot_owner_user_id": text("The id of the user who owns the agent."),
		"chatbot_id":            text("The id of the agent that collected the lead."),
		"phone":                 text("The visitor's phone number. Personal data."),
		"email":                 text("The visitor's email address. Personal data."),
		"name":                  text("The visitor's name. Personal data."),
	}
}

func (d *leadsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *leadsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	resp.Diagnostics.Append(validateDateWindow(ctx, req.Config, "lead")...)
}

func (d *leadsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !configured(d.data, resp) {
		return
	}
	ctx = maskAPIKey(ctx, d.data.apiKey)

	var model leadsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	query := client.LeadsQuery{
		AgentID:   model.AgentID.ValueString(),
		StartDate: model.StartDate.ValueString(),
		EndDate:   model.EndDate.ValueString(),
		PageSize:  int(model.PageSize.ValueInt64()),
		MaxLeads:  int(model.MaxLeads.ValueInt64()),
	}

	readCtx, cancel, limit := withReadTimeout(ctx, model.Timeouts, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	logDebug(ctx, "chatzuri: reading leads", map[string]any{"agent_id": query.AgentID})
	// Each page is converted as it arrives, while later pages are in flight,
	// and the client keeps no copy: no second list of every lead is built.
	leads := newLeadsBuilder()
	stats, err := d.data.client.EachLeadsPage(readCtx, query, leads.add)
	if err != nil {
		summary, detail := describeFailedRead(readCtx, err, "leads", query.AgentID, limit)
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	logDebug(ctx, "chatzuri: leads read", map[string]any{
		"agent_id": query.AgentID, "leads": stats.Items, "pages": stats.Pages, "overfetched_pages": stats.Overfetched, "truncated": stats.Truncated,
	})
	if stats.Truncated {
		summary, detail := cutListWarning("leads", query.AgentID, query.MaxLeads)
		resp.Diagnostics.AddAttributeWarning(path.Root("max_leads"), summary, detail)
	}

	model.ID = types.StringValue(leadsID(query))
	resp.Diagnostics.Append(setLeadsState(ctx, &resp.State, model, leads)...)
}

// leadsID names the selection the arguments make, so it is stable across
// reads. page_size does not change the result and is left out.
func leadsID(q client.LeadsQuery) string {
	v := url.Values{}
	if q.StartDate != "" {
		v.Set("start_date", q.StartDate)
	}
	if q.EndDate != "" {
		v.Set("end_date", q.EndDate)
	}
	if q.MaxLeads > 0 {
		v.Set("max_leads", fmt.Sprint(q.MaxLeads))
	}
	return selectionID(q.AgentID, v)
}

func isKnown(v types.String) bool { return !v.IsNull() && !v.IsUnknown() }
