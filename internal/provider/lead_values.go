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

// leadAttrTypes is the object type of one element of leads; a unit test
// holds it to the schema.
var leadAttrTypes = map[string]attr.Type{
	"id":                    types.StringType,
	"created_at":            types.StringType,
	"chatbot_owner_user_id": types.StringType,
	"chatbot_id":            types.StringType,
	"phone":                 types.StringType,
	"email":                 types.StringType,
	"name":                  types.StringType,
}

var (
	leadObjectType = types.ObjectType{AttrTypes: leadAttrTypes}
	leadTFType     = leadObjectType.TerraformType(context.Background())
	leadsTFType    = tftypes.List{ElementType: leadTFType}
)

// leadsBuilder builds the leads list page by page.
type leadsBuilder = listBuilder[client.Lead]

func newLeadsBuilder() *leadsBuilder {
	return &leadsBuilder{typ: leadsTFType, convert: leadValue}
}

func leadValue(l client.Lead) tftypes.Value {
	return tftypes.NewValue(leadTFType, map[string]tftypes.Value{
		"id":                    tftypes.NewValue(tftypes.String, l.ID),
		"created_at":            tfString(l.CreatedAt),
		"chatbot_owner_user_id": tfString(l.ChatbotOwnerUserID),
		"chatbot_id":            tfString(l.ChatbotID),
		"phone":                 tfString(l.Phone),
		"email":                 tfString(l.Email),
		"name":                  tfString(l.Name),
	})
}

// setLeadsState writes model, with leads from b, into state.
func setLeadsState(ctx context.Context, state *tfsdk.State, model leadsDataSourceModel, b *leadsBuilder) diag.Diagnostics {
	model.Leads = types.ListValueMust(leadObjectType, []attr.Value{})
	return setListState(ctx, state, &model, "leads", b.value())
}
