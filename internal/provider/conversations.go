package provider

import (
	"context"
	"slices"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework-validators/listvalidator"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/apiref"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// conversations is chatzuri_conversations: GET /get-conversations, one
// agent's conversations, optionally from some sources only.
var conversations = listDefinition[client.Conversation]{
	name: "conversations",
	item: "conversation",
	description: "Reads every conversation (the transcript of a chat between a visitor and the agent) that one Chatzuri agent had, " +
		"from all pages of `GET /get-conversations`, in the API's order, each conversation once.",
	personalData: "Transcripts",
	listDescription: "The agent's conversations, in the order the API returns them, each conversation once (de-duplicated by `id`). " +
		"An agent with no conversations gives an empty list. A field the API sends as null or leaves out is null, except `messages`.",
	itemAttributes: conversationAttributes(),
	arguments:      conversationArguments(),
	pageSize:       pageSizeUpTo100,
	fieldSelection: true,
	ofAgent:        true,
	limitArgument:  "max_conversations",
	narrowHint:     agentWindowNarrowHint,
	badRequestHint: agentWindowBadRequestHint,
	validate:       validateAgentWindow("conversation"),
	request: func(ctx context.Context, config tfsdk.Config) (listRequest, diag.Diagnostics) {
		s, diags := readAgentSelection(ctx, config, "max_conversations")
		var sources []string
		var list types.List
		diags.Append(config.GetAttribute(ctx, path.Root("filtered_sources"), &list)...)
		if !list.IsNull() && !list.IsUnknown() {
			diags.Append(list.ElementsAs(ctx, &sources, false)...)
		}
		if len(sources) > 0 {
			// The order of the sources does not change the result.
			s.idArgs.Set("filtered_sources", strings.Join(slices.Sorted(slices.Values(sources)), ","))
		}
		req := s.request(client.ConversationParams(s.window, sources))
		if len(sources) > 0 {
			req.badRequestHint = "filtered_sources holds only sources Chatzuri documents; if Chatzuri refuses one of them, its list of sources may have changed: remove that source."
		}
		return req, diags
	},
	api: client.Conversations,
}

// NewConversationsDataSource is the chatzuri_conversations data source.
func NewConversationsDataSource() datasource.DataSource { return newListDataSource(conversations)() }

func conversationArguments() map[string]schema.Attribute {
	args := agentArguments("conversations", "conversation", "max_conversations")
	args["filtered_sources"] = schema.ListAttribute{
		MarkdownDescription: "Only conversations from these sources (the API's `filteredSources`, sent comma-separated). " +
			"Each must be one of the sources Chatzuri documents: " + quotedList(apiref.ConversationSources) + ". " +
			"At least one, each once. Unset means every source.",
		ElementType: types.StringType,
		Optional:    true,
		Validators: []validator.List{
			listvalidator.SizeAtLeast(1),
			listvalidator.UniqueValues(),
			listvalidator.ValueStringsAre(oneOf{what: "a source Chatzuri documents", values: apiref.ConversationSources}),
		},
	}
	return args
}

// conversationAttributes are deliberately not Sensitive, although customer
// and content are personal data, for the reason leadAttributes gives (see
// DESIGN.md for what it cost). The docs warn that transcripts are personal
// data instead.
func conversationAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id":         computedString("The conversation's id, as a string (the API documents a string; a number is kept digit for digit). Unique within the list; use it as a `for_each` key."),
		"created_at": computedString("When the conversation began, as the API sends it, unchanged. Chatzuri does not document the format; expect RFC 3339 in UTC, such as `2026-01-05T09:30:00Z`. `provider::chatzuri::utc_day(created_at)` gives the UTC day it counts on in `chatzuri_conversation_counts`."),
		"chatbot_id": computedString("The id of the agent that had the conversation."),
		"customer":   computedString("Who the visitor was, as Chatzuri records it (a name, email address or other identifier). Personal data."),
		"source":     computedString("Where the conversation took place, such as `Widget or Iframe` or `WhatsApp`: one of the values `filtered_sources` accepts, as far as Chatzuri documents."),
		"messages": schema.ListNestedAttribute{
			MarkdownDescription: "The conversation's messages, in the API's order. Never null: a conversation whose messages the API sends as null or leaves out has an empty list.",
			Computed:            true,
			NestedObject: schema.NestedAttributeObject{
				Attributes: map[string]schema.Attribute{
					"role":    computedString("Who wrote the message, as the API sends it: `user` for the visitor, `assistant` for the agent, as far as Chatzuri's samples show."),
					"content": computedString("The text of the message. Personal data: visitors write names, addresses and more into chats."),
				},
			},
		},
	}
}
