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

// leadsBuilder builds the leads list page by page, as terraform-plugin-go
// values. Going through framework values (types.Object, tfsdk struct tags)
// cost 3 s of CPU for 100,000 leads, more than reading and decoding them;
// these values are what the framework would have produced from them.
type leadsBuilder struct {
	elems []tftypes.Value
}

// add converts one page; restart drops what earlier pages gave.
func (b *leadsBuilder) add(leads []client.Lead, restart bool) error {
	if restart {
		b.elems = b.elems[:0]
	}
	for _, l := range leads {
		b.elems = append(b.elems, tftypes.NewValue(leadTFType, map[string]tftypes.Value{
			"id":                    tftypes.NewValue(tftypes.String, l.ID),
			"created_at":            tfString(l.CreatedAt),
			"chatbot_owner_user_id": tfString(l.ChatbotOwnerUserID),
			"chatbot_id":            tfString(l.ChatbotID),
			"phone":                 tfString(l.Phone),
			"email":                 tfString(l.Email),
			"name":                  tfString(l.Name),
		}))
	}
	return nil
}

// value is the list, never null: no leads is an empty list.
func (b *leadsBuilder) value() tftypes.Value {
	if b.elems == nil {
		b.elems = []tftypes.Value{}
	}
	return tftypes.NewValue(leadsTFType, b.elems)
}

func tfString(s *string) tftypes.Value {
	if s == nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, *s)
}

// setLeadsState writes model, with leads from b, into state.
func setLeadsState(ctx context.Context, state *tfsdk.State, model leadsDataSourceModel, b *leadsBuilder) diag.Diagnostics {
	model.Leads = types.ListValueMust(leadObjectType, []attr.Value{})
	return setListState(ctx, state, &model, "leads", b.value())
}
