package provider

import (
	"bytes"
	"context"
	"fmt"
	"sort"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
	"github.com/vmihailenco/msgpack/v5"
)

// The one bypass of the framework (DESIGN.md, "The state"): served by
// NewProviderServer, a list Read leaves an empty list in the state and hands
// its encoded list over in a listSlot, which the server splices in
// (spliceList); served by the framework alone, the Read decodes the list
// into the state as usual (withList).

// listSlot receives a Read's encoded list, for the server to splice in.
type listSlot struct {
	stateType tftypes.Object
	attribute string
	list      encodedList
	filled    bool
}

type listSlotKey struct{}

// withListSlot returns a context whose list read hands its list to slot.
func withListSlot(ctx context.Context) (context.Context, *listSlot) {
	slot := &listSlot{}
	return context.WithValue(ctx, listSlotKey{}, slot), slot
}

// withList returns obj with its attribute name set to the encoded list, or
// to an empty list when ctx carries a listSlot, which then gets the list.
func withList(ctx context.Context, obj tftypes.Value, name string, encoded encodedList) (tftypes.Value, error) {
	objType, ok := obj.Type().(tftypes.Object)
	if !ok {
		return obj, fmt.Errorf("the state is a %s, not an object", obj.Type())
	}
	listType, ok := objType.AttributeTypes[name].(tftypes.List)
	if !ok {
		return obj, fmt.Errorf("the state has no list attribute %q", name)
	}
	var list tftypes.Value
	if slot, ok := ctx.Value(listSlotKey{}).(*listSlot); ok {
		slot.stateType, slot.attribute, slot.list, slot.filled = objType, name, encoded, true
		list = tftypes.NewValue(listType, []tftypes.Value{})
	} else {
		var err error
		if list, err = (&tfprotov6.DynamicValue{MsgPack: encoded.msgpack()}).Unmarshal(listType); err != nil {
			return obj, fmt.Errorf("decoding the encoded %s: %w", name, err)
		}
	}
	var attrs map[string]tftypes.Value
	if err := obj.As(&attrs); err != nil {
		return obj, err
	}
	if attrs == nil { // a null object: a state nothing was set in yet
		attrs = map[string]tftypes.Value{}
		for n, t := range objType.AttributeTypes {
			attrs[n] = tftypes.NewValue(t, nil)
		}
	}
	attrs[name] = list
	return tftypes.NewValue(objType, attrs), nil
}

// spliceInto puts the slot's list into *value, the framework's answer, when
// a list read filled the slot and succeeded; Terraform ignores the value of
// a read that failed.
func (slot *listSlot) spliceInto(value **tfprotov6.DynamicValue, diags []*tfprotov6.Diagnostic) []*tfprotov6.Diagnostic {
	if *value == nil || !slot.filled || hasError(diags) {
		return diags
	}
	spliced, err := spliceList(*value, slot)
	if err != nil {
		return append(diags, encodingFailed(slot.attribute, err))
	}
	*value = spliced
	return diags
}

// spliceList returns state with the slot's list in place of the empty list
// the framework saw.
func spliceList(state *tfprotov6.DynamicValue, slot *listSlot) (*tfprotov6.DynamicValue, error) {
	objType := slot.stateType
	value, err := state.Unmarshal(objType)
	if err != nil {
		return nil, err
	}
	var attrs map[string]tftypes.Value
	if err := value.As(&attrs); err != nil {
		return nil, err
	}
	names := make([]string, 0, len(attrs))
	for name := range attrs {
		names = append(names, name)
	}
	sort.Strings(names) // the order terraform-plugin-go writes an object in

	var out bytes.Buffer
	out.Grow(len(slot.list.elements) + len(state.MsgPack) + 5)
	enc := msgpack.NewEncoder(&out)
	if err := enc.EncodeMapLen(len(names)); err != nil {
		return nil, err
	}
	for _, name := range names {
		if err := enc.EncodeString(name); err != nil {
			return nil, err
		}
		if name == slot.attribute {
			if err := slot.list.writeTo(&out); err != nil {
				return nil, err
			}
			continue
		}
		raw, err := attrs[name].MarshalMsgPack(objType.AttributeTypes[name]) //nolint:staticcheck // the one encoder of a single tftypes value
		if err != nil {
			return nil, err
		}
		out.Write(raw)
	}
	return &tfprotov6.DynamicValue{MsgPack: out.Bytes()}, nil
}
