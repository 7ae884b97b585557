package provider

import (
	"bytes"
	"context"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// elementTypeOf is the element type of def's list, from its schema.
func elementTypeOf[T any](t *testing.T, def listDefinition[T]) tftypes.Object {
	t.Helper()
	s := dataSourceSchema(t, newListDataSource(def)())
	return s.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes[def.name].(tftypes.List).ElementType.(tftypes.Object)
}

// encode runs pages through a new encoder for def's list.
func encode[T any](t *testing.T, def listDefinition[T], keep map[string]bool, pages ...[]T) []byte {
	t.Helper()
	e, err := newListEncoder[T](elementTypeOf(t, def), keep)
	if err != nil {
		t.Fatal(err)
	}
	for i, page := range pages {
		if err := e.add(page, i == 0); err != nil {
			t.Fatal(err)
		}
	}
	return e.list().msgpack()
}

// pluginGoEncoding is how terraform-plugin-go, and so the framework, writes
// the list of elems: the reference the encoder is held to.
func pluginGoEncoding(t *testing.T, elemType tftypes.Object, elems []tftypes.Value) []byte {
	t.Helper()
	list := tftypes.List{ElementType: elemType}
	dv, err := tfprotov6.NewDynamicValue(list, tftypes.NewValue(list, elems))
	if err != nil {
		t.Fatal(err)
	}
	return dv.MsgPack
}

func str(s *string) tftypes.Value { return tftypes.NewValue(tftypes.String, s) }

// leadValue is a lead as the chatzuri_leads documentation describes it,
// written out by hand as a specification.
func leadValue(typ tftypes.Object, l client.Lead) tftypes.Value {
	return tftypes.NewValue(typ, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, l.ID), "created_at": str(l.CreatedAt), "chatbot_owner_user_id": str(l.ChatbotOwnerUserID),
		"chatbot_id": str(l.ChatbotID), "phone": str(l.Phone), "email": str(l.Email), "name": str(l.Name),
	})
}

func conversationValue(typ tftypes.Object, c client.Conversation) tftypes.Value {
	msgType := typ.AttributeTypes["messages"].(tftypes.List)
	var messages any // a nil slice is a null list
	if c.Messages != nil {
		ms := []tftypes.Value{}
		for _, m := range c.Messages {
			ms = append(ms, tftypes.NewValue(msgType.ElementType, map[string]tftypes.Value{"role": str(m.Role), "content": str(m.Content)}))
		}
		messages = ms
	}
	return tftypes.NewValue(typ, map[string]tftypes.Value{
		"id": tftypes.NewValue(tftypes.String, c.ID), "created_at": str(c.CreatedAt), "chatbot_id": str(c.ChatbotID),
		"customer": str(c.Customer), "source": str(c.Source), "messages": tftypes.NewValue(msgType, messages),
	})
}

var (
	testLeads = []client.Lead{
		{ID: "9007199254740993", CreatedAt: ptr("2026-01-01T12:00:00Z"), ChatbotOwnerUserID: ptr("usr_1"), ChatbotID: ptr("agt_1"),
			Phone: ptr("+254700000001"), Email: ptr("zoe@example.com"), Name: ptr("Zoë Müller")},
		{ID: "lead_2", Name: ptr("王芳"), Email: ptr("")},             // a string id, nulls, an empty string
		{ID: "3", Name: ptr(strings.Repeat("Ngozi Adébáyọ̀ ", 40))}, // past msgpack's short string forms
	}
	testConversations = []client.Conversation{
		{ID: "conv_1", CreatedAt: ptr("2026-01-01T12:00:00Z"), ChatbotID: ptr("agt_1"), Customer: ptr("Owen O'Brien"), Source: ptr("WhatsApp"),
			Messages: []client.Message{{Role: ptr("user"), Content: ptr("Is there a \"family\" plan?\nTwo adults. 📱")}, {Role: ptr("assistant")}}},
		{ID: "9007199254800004", Messages: []client.Message{}}, // empty messages, null fields
		{ID: "conv_3", Customer: ptr("José"), Messages: nil},   // messages the client left nil
	}
)

func TestListEncoder_writesWhatTerraformPluginGoWrites(t *testing.T) {
	t.Parallel()
	t.Run("leads", func(t *testing.T) {
		typ := elementTypeOf(t, leads)
		var want []tftypes.Value
		for _, l := range testLeads {
			want = append(want, leadValue(typ, l))
		}
		got := encode(t, leads, nil, testLeads[:1], testLeads[1:])
		if !bytes.Equal(got, pluginGoEncoding(t, typ, want)) {
			t.Fatalf("the encoder's leads differ from terraform-plugin-go's:\n got %x\nwant %x", got, pluginGoEncoding(t, typ, want))
		}
	})
	t.Run("conversations", func(t *testing.T) {
		typ := elementTypeOf(t, conversations)
		var want []tftypes.Value
		for _, c := range testConversations {
			want = append(want, conversationValue(typ, c))
		}
		got := encode(t, conversations, nil, testConversations)
		if !bytes.Equal(got, pluginGoEncoding(t, typ, want)) {
			t.Fatalf("the encoder's conversations differ from terraform-plugin-go's:\n got %x\nwant %x", got, pluginGoEncoding(t, typ, want))
		}
	})
	t.Run("no items is an empty list", func(t *testing.T) {
		got := encode[client.Lead](t, leads, nil)
		if want := pluginGoEncoding(t, elementTypeOf(t, leads), []tftypes.Value{}); !bytes.Equal(got, want) {
			t.Fatalf("got %x, want %x", got, want)
		}
	})
}

func TestListEncoder_aRestartDropsTheItemsBefore(t *testing.T) {
	t.Parallel()
	typ := elementTypeOf(t, leads)
	e, err := newListEncoder[client.Lead](typ, nil)
	if err != nil {
		t.Fatal(err)
	}
	_ = e.add(testLeads[:2], true)
	_ = e.add(testLeads[2:], true)
	if got, want := e.list().msgpack(), pluginGoEncoding(t, typ, []tftypes.Value{leadValue(typ, testLeads[2])}); !bytes.Equal(got, want) {
		t.Fatalf("after a restart the list holds more than the items after it:\n got %x\nwant %x", got, want)
	}
}

func TestListEncoder_keptAttributesOnlyTheRestNull(t *testing.T) {
	t.Parallel()
	typ := elementTypeOf(t, leads)
	got := encode(t, leads, map[string]bool{"id": true, "created_at": true}, testLeads)
	var want []tftypes.Value
	for _, l := range testLeads {
		want = append(want, leadValue(typ, client.Lead{ID: l.ID, CreatedAt: l.CreatedAt}))
	}
	if !bytes.Equal(got, pluginGoEncoding(t, typ, want)) {
		t.Fatal("attributes not kept are not null")
	}
}

func TestListEncoder_refusesSchemaAndItemsThatDisagree(t *testing.T) {
	t.Parallel()
	obj := func(attrs map[string]tftypes.Type) tftypes.Object { return tftypes.Object{AttributeTypes: attrs} }
	type item struct {
		ID    string
		Count *string
	}
	cases := map[string]struct {
		typ  tftypes.Object
		want string
	}{
		"an attribute without a field": {obj(map[string]tftypes.Type{"id": tftypes.String, "count": tftypes.String, "email": tftypes.String}), `attribute "email" has no field`},
		"a field without an attribute": {obj(map[string]tftypes.Type{"id": tftypes.String}), `field Count of`},
		"a type it cannot write":       {obj(map[string]tftypes.Type{"id": tftypes.Bool, "count": tftypes.String}), `attribute "id" of type tftypes.Bool cannot be written`},
		"a list of strings":            {obj(map[string]tftypes.Type{"id": tftypes.String, "count": tftypes.List{ElementType: tftypes.String}}), `attribute "count" of type`},
	}
	for name, tc := range cases {
		t.Run(name, func(t *testing.T) {
			_, err := newListEncoder[item](tc.typ, nil)
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Fatalf("err = %v, want one containing %q", err, tc.want)
			}
		})
	}
}

func TestAttributeName(t *testing.T) {
	t.Parallel()
	for field, want := range map[string]string{
		"ID": "id", "CreatedAt": "created_at", "ChatbotOwnerUserID": "chatbot_owner_user_id", "OwnerUserID": "owner_user_id",
		"Messages": "messages", "HTTPStatus": "http_status", "Name": "name",
	} {
		if got := attributeName(field); got != want {
			t.Errorf("attributeName(%q) = %q, want %q", field, got, want)
		}
	}
}
