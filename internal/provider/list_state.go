package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// listBuilder builds a list attribute page by page, as terraform-plugin-go
// values. Going through framework values (types.Object, tfsdk struct tags)
// cost 3 s of CPU for 100,000 leads, more than reading and decoding them;
// these values are what the framework would have produced from them.
type listBuilder[T any] struct {
	typ     tftypes.List
	convert func(T) tftypes.Value
	elems   []tftypes.Value
}

// add converts one page; restart drops what earlier pages gave.
func (b *listBuilder[T]) add(items []T, restart bool) error {
	if restart {
		b.elems = b.elems[:0]
	}
	for _, item := range items {
		b.elems = append(b.elems, b.convert(item))
	}
	return nil
}

// value is the list, never null: no items is an empty list.
func (b *listBuilder[T]) value() tftypes.Value {
	if b.elems == nil {
		b.elems = []tftypes.Value{}
	}
	return tftypes.NewValue(b.typ, b.elems)
}

func tfString(s *string) tftypes.Value {
	if s == nil {
		return tftypes.NewValue(tftypes.String, nil)
	}
	return tftypes.NewValue(tftypes.String, *s)
}

// setListState writes model into state, then puts list in the place of its
// attribute name. The model goes through the framework as usual, with an
// empty list there; list is built directly as terraform-plugin-go values
// (see listBuilder for why).
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
