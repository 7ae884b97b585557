package provider

import (
	"fmt"

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

// leadsBuilder builds the leads list page by page, directly rather than
// through tfsdk struct tags: reflection over tens of thousands of leads is
// the costliest step of a read. The list is never null: no leads is an
// empty list.
type leadsBuilder struct {
	elems []attr.Value
}

// add converts one page; restart drops what earlier pages gave.
func (b *leadsBuilder) add(leads []client.Lead, restart bool) error {
	if restart {
		b.elems = b.elems[:0]
	}
	for _, l := range leads {
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
			return fmt.Errorf("building lead %d of the list: %s", len(b.elems)+1, diags.Errors()[0].Detail())
		}
		b.elems = append(b.elems, obj)
	}
	return nil
}

func (b *leadsBuilder) list() (types.List, diag.Diagnostics) {
	if b.elems == nil {
		b.elems = []attr.Value{}
	}
	return types.ListValue(leadObjectType, b.elems)
}

// leadsListValue builds the list for a whole slice of leads at once.
func leadsListValue(leads []client.Lead) (types.List, diag.Diagnostics) {
	var b leadsBuilder
	if err := b.add(leads, false); err != nil {
		var diags diag.Diagnostics
		diags.AddError("Unable to build the leads list", err.Error())
		return types.ListNull(leadObjectType), diags
	}
	return b.list()
}
