package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/types"

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

var leadObjectType = types.ObjectType{AttrTypes: leadAttrTypes}

// leadsListValue builds the leads list directly rather than through tfsdk
// struct tags: reflection over tens of thousands of leads is the costliest
// step of a read. The list is never null: no leads is an empty list.
func leadsListValue(leads []client.Lead) (types.List, diag.Diagnostics) {
	elems := make([]attr.Value, len(leads))
	for i, l := range leads {
		obj, diags := types.ObjectValue(leadAttrTypes, map[string]attr.Value{
			"id":                    types.StringValue(l.ID),
			"created_at":            types.StringPointerValue(l.CreatedAt),
			"chatbot_owner_user_id": types.StringPointerValue(l.ChatbotOwnerUserID),
			"chatbot_id":            types.StringPointerValue(l.ChatbotID),
			"phone":                 types.StringPointerValue(l.Phone),
			"email":                 types.StringPointerValue(l.Email),
			"name":                  types.StringPointerValue(l.Name),
		})
		if diags.HasError() {
			return types.ListNull(leadObjectType), diags
		}
		elems[i] = obj
	}
	return types.ListValue(leadObjectType, elems)
}
