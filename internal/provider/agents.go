package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// agentsID is chatzuri_agents' id: it takes no arguments, so every read
// selects the same list, the key's team's agents.
const agentsID = "agents"

// agents is chatzuri_agents: GET /get-chatbots, every agent of the team the
// API key belongs to.
var agents = listDefinition[client.Agent]{
	name: "agents",
	item: "agent",
	description: "Reads every agent (chatbot) of the team the API key belongs to, from `GET /get-chatbots`, in the API's order, each agent once. " +
		"Use it to read every agent's leads or conversations with `for_each`, keyed by the agent's `id`.\n\n" +
		"The owner's phone and email and the agent's training text, which Chatzuri also sends, are not read.",
	listDescription: "The team's agents, in the order the API returns them, each agent once (de-duplicated by `id`). " +
		"A team with no agents gives an empty list. A field the API sends as null or leaves out is null.",
	idDescription:  "Always `" + agentsID + "`: the data source takes no arguments that select the agents, and the API key decides the team.",
	itemAttributes: agentAttributes(),
	arguments:      map[string]schema.Attribute{},
	badRequestHint: "Reading the team's agents sends no arguments but page and size.",
	request: func(context.Context, tfsdk.Config) (listRequest, diag.Diagnostics) {
		return listRequest{id: agentsID}, nil
	},
	api: client.Agents,
}

// NewAgentsDataSource is the chatzuri_agents data source.
func NewAgentsDataSource() datasource.DataSource { return newListDataSource(agents)() }

func agentAttributes() map[string]schema.Attribute {
	return map[string]schema.Attribute{
		"id": computedString("The agent's id, as a string: Chatzuri's `chatbot_id`, or `id` in Chatbase's variant (a number is kept digit for digit). " +
			"It is the `agent_id` of `chatzuri_leads` and `chatzuri_conversations`. Unique within the list; use it as a `for_each` key."),
		"name":          computedString("The agent's name: Chatzuri's `chatbot_name`, or `name` in Chatbase's variant. Names need not be unique: key by `id`."),
		"created_at":    computedString("When the agent was created, as the API sends it, unchanged. Chatzuri does not document the format; expect RFC 3339 in UTC, such as `2025-06-01T09:00:00Z`."),
		"owner_user_id": computedString("The id of the user who owns the agent (Chatzuri's `chatbot_owner_user_id`). Null where the API sends none, as Chatbase's variant does."),
	}
}
