package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// messageAttrTypes and conversationAttrTypes are the object types of one
// message and one conversation; a unit test holds them to the schema.
var (
	messageAttrTypes = map[string]attr.Type{
		"role":    types.StringType,
		"content": types.StringType,
	}
	messageObjectType     = types.ObjectType{AttrTypes: messageAttrTypes}
	conversationAttrTypes = map[string]attr.Type{
		"id":         types.StringType,
		"created_at": types.StringType,
		"chatbot_id": types.StringType,
		"customer":   types.StringType,
		"source":     types.StringType,
		"messages":   types.ListType{ElemType: messageObjectType},
	}
	conversationObjectType = types.ObjectType{AttrTypes: conversationAttrTypes}

	messageTFType       = messageObjectType.TerraformType(context.Background())
	messagesTFType      = tftypes.List{ElementType: messageTFType}
	conversationTFType  = conversationObjectType.TerraformType(context.Background())
	conversationsTFType = tftypes.List{ElementType: conversationTFType}
)

// conversationsBuilder builds the conversations list page by page.
type conversationsBuilder = listBuilder[client.Conversation]

func newConversationsBuilder() *conversationsBuilder {
	return &conversationsBuilder{typ: conversationsTFType, convert: conversationValue}
}

func conversationValue(c client.Conversation) tftypes.Value {
	// Never null: the client gives a conversation whose messages are null
	// or absent no messages.
	messages := make([]tftypes.Value, len(c.Messages))
	for i, m := range c.Messages {
		messages[i] = tftypes.NewValue(messageTFType, map[string]tftypes.Value{
			"role":    tfString(m.Role),
			"content": tfString(m.Content),
		})
	}
	return tftypes.NewValue(conversationTFType, map[string]tftypes.Value{
		"id":         tftypes.NewValue(tftypes.String, c.ID),
		"created_at": tfString(c.CreatedAt),
		"chatbot_id": tfString(c.ChatbotID),
		"customer":   tfString(c.Customer),
		"source":     tfString(c.Source),
		"messages":   tftypes.NewValue(messagesTFType, messages),
	})
}

// setConversationsState writes model, with conversations from b, into state.
func setConversationsState(ctx context.Context, state *tfsdk.State, model conversationsDataSourceModel, b *conversationsBuilder) diag.Diagnostics {
	model.Conversations = types.ListValueMust(conversationObjectType, []attr.Value{})
	return setListState(ctx, state, &model, "conversations", b.value())
}
