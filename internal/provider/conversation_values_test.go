package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

func conversationsSchema(t testing.TB) schema.Schema {
	t.Helper()
	var resp datasource.SchemaResponse
	NewConversationsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	return resp.Schema
}

func TestConversationsSchema_matchesTheValuesBuilt(t *testing.T) {
	s := conversationsSchema(t)
	conversations, ok := s.Attributes["conversations"].(schema.ListNestedAttribute)
	if !ok {
		t.Fatalf("conversations is a %T, want a list (sets reconcile in quadratic time)", s.Attributes["conversations"])
	}
	if got := conversations.NestedObject.Type(); !got.Equal(conversationObjectType) {
		t.Fatalf("schema object type %s differs from the type conversationValue builds %s", got, conversationObjectType)
	}
	if _, ok := conversations.NestedObject.Attributes["messages"].(schema.ListNestedAttribute); !ok {
		t.Errorf("messages is a %T, want a list: the order of a transcript matters", conversations.NestedObject.Attributes["messages"])
	}
	if got := s.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes["conversations"]; !got.Equal(conversationsTFType) {
		t.Errorf("schema's conversations type %s differs from the built %s", got, conversationsTFType)
	}
}

// Sensitive nested attributes make Terraform's cost quadratic in the number
// of conversations; see conversationAttributes.
func TestConversationsSchema_fieldsAreNotSensitive(t *testing.T) {
	conversations := conversationsSchema(t).Attributes["conversations"].(schema.ListNestedAttribute)
	if conversations.Sensitive {
		t.Error("conversations is Sensitive: length(), for_each and every output from it would become sensitive")
	}
	for name, a := range conversations.NestedObject.Attributes {
		if a.IsSensitive() {
			t.Errorf("conversations.%s is Sensitive", name)
		}
	}
	for name, a := range conversations.NestedObject.Attributes["messages"].(schema.ListNestedAttribute).NestedObject.Attributes {
		if a.IsSensitive() {
			t.Errorf("conversations.messages.%s is Sensitive", name)
		}
	}
}

func TestConversationsSchema_everyAttributeIsDescribed(t *testing.T) {
	s := conversationsSchema(t)
	var walk func(prefix string, attrs map[string]schema.Attribute)
	walk = func(prefix string, attrs map[string]schema.Attribute) {
		for name, a := range attrs {
			if a.GetMarkdownDescription() == "" {
				t.Errorf("%s%s has no description", prefix, name)
			}
			if nested, ok := a.(schema.ListNestedAttribute); ok {
				walk(prefix+name+".", nested.NestedObject.Attributes)
			}
		}
	}
	walk("", s.Attributes)
}

func TestProvider_registersBothDataSources(t *testing.T) {
	names := map[string]bool{}
	for _, ds := range New("test")().DataSources(context.Background()) {
		var resp datasource.MetadataResponse
		ds().Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "chatzuri"}, &resp)
		names[resp.TypeName] = true
	}
	if !names["chatzuri_leads"] || !names["chatzuri_conversations"] {
		t.Errorf("data sources = %v, want chatzuri_leads and chatzuri_conversations", names)
	}
}

// stateWithConversations sets conversations into a state the way Read does
// and reads the list back through the framework.
func stateWithConversations(t *testing.T, pages ...[]client.Conversation) []types.Object {
	t.Helper()
	s := conversationsSchema(t)
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
	b := newConversationsBuilder()
	for i, page := range pages {
		if err := b.add(page, i == 0); err != nil {
			t.Fatal(err)
		}
	}
	model := conversationsDataSourceModel{ID: types.StringValue("x"), AgentID: types.StringValue("x"), FilteredSources: types.ListNull(types.StringType), Timeouts: nullTimeouts()}
	if diags := setConversationsState(context.Background(), &state, model, b); diags.HasError() {
		t.Fatal(diags)
	}
	var got conversationsDataSourceModel
	if diags := state.Get(context.Background(), &got); diags.HasError() {
		t.Fatal(diags)
	}
	if got.ID.ValueString() != "x" {
		t.Errorf("id = %s, want the model's", got.ID)
	}
	if got.Conversations.IsNull() {
		t.Fatal("conversations is null, want a list")
	}
	objs := make([]types.Object, len(got.Conversations.Elements()))
	for i, e := range got.Conversations.Elements() {
		objs[i] = e.(types.Object)
	}
	return objs
}

func TestConversationsState(t *testing.T) {
	t.Run("no conversations is an empty list, not null", func(t *testing.T) {
		if got := stateWithConversations(t); len(got) != 0 {
			t.Fatalf("got %d conversations", len(got))
		}
	})
	t.Run("fields, nulls and messages in order across pages", func(t *testing.T) {
		customer, content := "Zoë", "Hi \"there\"\n📱"
		got := stateWithConversations(t,
			[]client.Conversation{{ID: "c2", Customer: &customer, Messages: []client.Message{{Role: ptr("user"), Content: &content}, {Role: ptr("assistant")}}}},
			[]client.Conversation{{ID: "1", Messages: []client.Message{}}},
		)
		if len(got) != 2 {
			t.Fatalf("got %d conversations, want 2", len(got))
		}
		first := got[0].Attributes()
		if first["id"].(types.String).ValueString() != "c2" || first["customer"].(types.String).ValueString() != customer || !first["source"].IsNull() {
			t.Errorf("first conversation = %v", first)
		}
		messages := first["messages"].(types.List).Elements()
		if len(messages) != 2 {
			t.Fatalf("first conversation has %d messages, want 2", len(messages))
		}
		m0, m1 := messages[0].(types.Object).Attributes(), messages[1].(types.Object).Attributes()
		if m0["role"].(types.String).ValueString() != "user" || m0["content"].(types.String).ValueString() != content || !m1["content"].IsNull() {
			t.Errorf("messages = %v", messages)
		}
		second := got[1].Attributes()["messages"].(types.List)
		if second.IsNull() || len(second.Elements()) != 0 {
			t.Errorf("second conversation's messages = %s, want []", second)
		}
	})
	t.Run("a restart drops the conversations handed over before", func(t *testing.T) {
		s := conversationsSchema(t)
		state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
		b := newConversationsBuilder()
		_ = b.add([]client.Conversation{{ID: "old"}}, true)
		_ = b.add([]client.Conversation{{ID: "new"}}, true)
		model := conversationsDataSourceModel{FilteredSources: types.ListNull(types.StringType), Timeouts: nullTimeouts()}
		if diags := setConversationsState(context.Background(), &state, model, b); diags.HasError() {
			t.Fatal(diags)
		}
		var after conversationsDataSourceModel
		state.Get(context.Background(), &after)
		if elems := after.Conversations.Elements(); len(elems) != 1 || elems[0].(types.Object).Attributes()["id"].(types.String).ValueString() != "new" {
			t.Fatalf("conversations = %s, want only the one after the restart", after.Conversations)
		}
	})
}

func TestConversationsID(t *testing.T) {
	for _, tc := range []struct {
		q    client.ConversationsQuery
		want string
	}{
		{client.ConversationsQuery{AgentID: "agt", PageSize: 7}, "agt"},
		{client.ConversationsQuery{AgentID: "agt", StartDate: "2026-01-01", MaxConversations: 5}, "agt?max_conversations=5&start_date=2026-01-01"},
		{client.ConversationsQuery{AgentID: "agt", FilteredSources: []string{"WhatsApp", "API"}}, "agt?filtered_sources=API%2CWhatsApp"},
		{client.ConversationsQuery{AgentID: "agt", FilteredSources: []string{"API", "WhatsApp"}}, "agt?filtered_sources=API%2CWhatsApp"},
	} {
		if got := conversationsID(tc.q); got != tc.want {
			t.Errorf("conversationsID(%+v) = %q, want %q", tc.q, got, tc.want)
		}
	}
}
