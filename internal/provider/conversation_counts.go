package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/datasource"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// conversationCounts is chatzuri_conversation_counts:
// chatzuri_conversations, counted, by day and by source.
var conversationCounts = countsDefinition[client.Conversation]{
	list: conversations,
	name: "conversation_counts",
	description: "Counts the conversations that one Chatzuri agent had: in all, per UTC day, per source, and those without a date or a source. " +
		"It reads `GET /get-conversations` exactly as the `chatzuri_conversations` data source does (the same arguments, validation, paging, " +
		"request budget and errors) and keeps only the counts: no transcript and no personal data is in the state or the plan. " +
		"Use it for alerts (`check` blocks) and dashboards.",
	leftOut:   []string{"max_conversations"},
	createdAt: func(c client.Conversation) *string { return c.CreatedAt },
	group: &countGroup[client.Conversation]{
		attribute: "by_source",
		description: "How many conversations took place on each source, keyed by the `source` as the API sends it (such as `WhatsApp`), " +
			"with only the sources that have at least one. The rest count in `unknown_source`.",
		missing:            "unknown_source",
		missingDescription: "How many conversations have a null or missing `source`: counted in `total`, in no key of `by_source`.",
		value:              func(c client.Conversation) *string { return c.Source },
	},
}

// NewConversationCountsDataSource is the chatzuri_conversation_counts data
// source.
func NewConversationCountsDataSource() datasource.DataSource {
	return newListCountsDataSource(conversationCounts)()
}
