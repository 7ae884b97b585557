package provider

import (
	"context"
	"errors"
	"fmt"
	"maps"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework-validators/stringvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

var (
	_ datasource.DataSourceWithConfigure      = &conversationsDataSource{}
	_ datasource.DataSourceWithValidateConfig = &conversationsDataSource{}
)

// NewConversationsDataSource is the chatzuri_conversations data source.
func NewConversationsDataSource() datasource.DataSource {
	return &conversationsDataSource{}
}

type conversationsDataSource struct {
	data *providerData
}

type conversationsDataSourceModel struct {
	ID               types.String   `tfsdk:"id"`
	AgentID          types.String   `tfsdk:"agent_id"`
	StartDate        types.String   `tfsdk:"start_date"`
	EndDate          types.String   `tfsdk:"end_date"`
	FilteredSources  types.List     `tfsdk:"filtered_sources"`
	PageSize         types.Int64    `tfsdk:"page_size"`
	MaxConversations types.Int64    `tfsdk:"max_conversations"`
	Conversations    types.List     `tfsdk:"conversations"`
	Timeouts         timeouts.Value `tfsdk:"timeouts"`
}

func (d *conversationsDataSource) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_conversations"
}

func (d *conversationsDataSource) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads every conversation (the transcript of a chat between a visitor and the agent) that one Chatzuri agent had, " +
			"from all pages of `GET /get-conversations`, in the API's order, each conversation once.\n\n" +
			"~> **Personal data.** Transcripts are personal data and are stored in plain text in the Terraform state. " +
			"Keep the state in an encrypted backend with restricted access, and wrap outputs that carry conversation fields in `sensitive()`.",
		Attributes: map[string]schema.Attribute{
			"id": schema.StringAttribute{
				MarkdownDescription: "An identifier derived from the arguments (agent, dates, `filtered_sources` and `max_conversations`): the same arguments give the same `id`.",
				Computed:            true,
			},
			"filtered_sources": schema.ListAttribute{
				MarkdownDescription: "Only conversations from these sources (the API's `filteredSources`, sent comma-separated). " +
					"Each must be one of the sources Chatzuri documents: " + quotedList(client.ConversationSources) + ". " +
					"At least one, each once. Unset means every source.",
				ElementType: types.StringType,
				Optional:    true,
				Validators: []validator.List{
					listvalidator.SizeAtLeast(1),
					listvalidator.UniqueValues(),
					listvalidator.ValueStringsAre(stringvalidator.OneOf(client.ConversationSources...)),
				},
			},
			"conversations": schema.ListNestedAttribute{
				MarkdownDescription: "The agent's conversations, in the order the API returns them, each conversation once (de-duplicated by `id`). " +
					"An agent with no conversations gives an empty list. A field the API sends as null or leaves out is null, except `messages`.",
				Computed: true,
				NestedObject: schema.NestedAttributeObject{
					Attributes: conversationAttributes(),
				},
			},
		},
	}
	maps.Copy(resp.Schema.Attributes, selectionAttributes("conversations", "conversation", "max_conversations"))
	resp.Schema.Attributes["timeouts"] = readTimeoutAttribute(ctx)
}

// conversationAttributes are deliberately not Sensitive, although customer
// and content are personal data, for the reason leadAttributes gives: with
// customer and every message's content Sensitive, one terraform apply
// (Terraform 1.11.4, about 4 messages a conversation) took 2.5 s for 500
// conversations, 10.8 s for 1,000, 55 s for 2,000 and 120 s for 3,000,
// against 0.5 s to 1.3 s plain; customer alone took 4.3 s and 29 s for 1,000
// and 3,000. The docs warn that transcripts are personal data instead.
func conversationAttributes() map[string]schema.Attribute {
	text := func(desc string) schema.StringAttribute {
		return schema.StringAttribute{MarkdownDescription: desc, Computed: true}
	}
	return map[string]schema.Attribute{
		"id":         text("The conversation's id, as a string (the API documents a string; a number is kept digit for digit). Unique within the list; use it as a `for_each` key."),
		"created_at": text("When the conversation began, as the API sends it, unchanged. Chatzuri does not document the format; expect RFC 3339 in UTC, such as `2026-01-05T09:30:00Z`."),
		"chatbot_id": text("The id of the agent that had the conversation."),
		"customer":   text("Who the visitor was, as Chatzuri records it (a name, email address or other identifier). Personal data."),
		"source":     text("Where the conversation took place, such as `Widget or Iframe` or `WhatsApp`: one of the values `filtered_sources` accepts, as far as Chatzuri documents."),
		"messages": schema.ListNestedAttribute{
			MarkdownDescription: "The conversation's messages, in the API's order. Never null: a conversation whose messages the API sends as null or leaves out has an empty list.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"role":    text("Who wrote the message, as the API sends it: `user` for the visitor, `assistant` for the agent, as far as Chatzuri's samples show."),
					"content": text("The text of the message. Personal data: visitors write names, addresses and more into chats."),
				},
			},
		},
	}
}

func (d *conversationsDataSource) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *conversationsDataSource) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	resp.Diagnostics.Append(validateDateWindow(ctx, req.Config, "conversation")...)
}

func (d *conversationsDataSource) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	if !configured(d.data, resp) {
		return
	}
	ctx = maskAPIKey(ctx, d.data.apiKey)

	var model conversationsDataSourceModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &model)...)
	if resp.Diagnostics.HasError() {
		return
	}
	query := client.ConversationsQuery{
		AgentID:          model.AgentID.ValueString(),
		StartDate:        model.StartDate.ValueString(),
		EndDate:          model.EndDate.ValueString(),
		PageSize:         int(model.PageSize.ValueInt64()),
		MaxConversations: int(model.MaxConversations.ValueInt64()),
	}
	if !model.FilteredSources.IsNull() {
		resp.Diagnostics.Append(model.FilteredSources.ElementsAs(ctx, &query.FilteredSources, false)...)
		if resp.Diagnostics.HasError() {
			return
		}
	}

	readCtx, cancel, limit := withReadTimeout(ctx, model.Timeouts, &resp.Diagnostics)
	defer cancel()
	if resp.Diagnostics.HasError() {
		return
	}

	logDebug(ctx, "chatzuri: reading conversations", map[string]any{"agent_id": query.AgentID})
	conversations := newConversationsBuilder()
	stats, err := d.data.client.EachConversationsPage(readCtx, query, conversations.add)
	if err != nil {
		summary, detail := describeFailedRead(readCtx, err, "conversations", query.AgentID, limit)
		var apiErr *client.APIError
		if errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest && len(query.FilteredSources) > 0 {
			detail += " filtered_sources holds only sources Chatzuri documents; if Chatzuri refuses one of them, its list of sources may have changed: remove that source."
		}
		resp.Diagnostics.AddError(summary, detail)
		return
	}
	logDebug(ctx, "chatzuri: conversations read", map[string]any{
		"agent_id": query.AgentID, "conversations": stats.Items, "pages": stats.Pages, "overfetched_pages": stats.Overfetched, "truncated": stats.Truncated,
	})
	if stats.Truncated {
		summary, detail := cutListWarning("conversations", query.AgentID, query.MaxConversations)
		resp.Diagnostics.AddAttributeWarning(path.Root("max_conversations"), summary, detail)
	}

	model.ID = types.StringValue(conversationsID(query))
	resp.Diagnostics.Append(setConversationsState(ctx, &resp.State, model, conversations)...)
}

// conversationsID names the selection the arguments make. The order of
// filtered_sources does not change the result, so the id lists them sorted;
// page_size is left out for the same reason.
func conversationsID(q client.ConversationsQuery) string {
	v := url.Values{}
	if q.StartDate != "" {
		v.Set("start_date", q.StartDate)
	}
	if q.EndDate != "" {
		v.Set("end_date", q.EndDate)
	}
	if len(q.FilteredSources) > 0 {
		v.Set("filtered_sources", strings.Join(slices.Sorted(slices.Values(q.FilteredSources)), ","))
	}
	if q.MaxConversations > 0 {
		v.Set("max_conversations", fmt.Sprint(q.MaxConversations))
	}
	return selectionID(q.AgentID, v)
}

// quotedList renders values as `a`, `b` and `c` for a description.
func quotedList(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = "`" + v + "`"
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}
