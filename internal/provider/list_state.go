package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// setListState writes model into state, then puts list in the place of its
// attribute name. The model goes through the framework as usual, with an
// empty list there; list is built directly as terraform-plugin-go values
// (see leadsBuilder for why).
func setListState(ctx context.Context, state *tfsdk.State, model any, name string, list tftypes.Value) diag.Diagnostics {
	diags := state.Set(ctx, model)
	if diags.HasError() {
		return diags
	}
	var attrs map[string]tftypes.Value
	if err := state.Raw.As(&attrs); err != nil {
		diags.AddError("Unable to set the "+name, fmt.Sprintf("Reading back the state failed: %v. This is a bug in the provider; please report it.", err))
		return diags
	}
	// tftypes.NewValue panics on a value of the wrong type; unit tests hold
	// the built types to the schema, and this keeps a mismatch an error.
	stateType, ok := state.Raw.Type().(tftypes.Object)
	if !ok || !stateType.AttributeTypes[name].Equal(list.Type()) {
		diags.AddError("Unable to set the "+name, "The "+name+" value does not match the schema. This is a bug in the provider; please report it.")
		return diags
	}
	attrs[name] = list
	state.Raw = tftypes.NewValue(stateType, attrs)
	return diags
}
