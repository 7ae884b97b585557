package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

func leadsSchema(t testing.TB) schema.Schema {
	t.Helper()
	var resp datasource.SchemaResponse
	NewLeadsDataSource().Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	return resp.Schema
}

func TestLeadsSchema_matchesTheValuesBuilt(t *testing.T) {
	s := leadsSchema(t)
	leads, ok := s.Attributes["leads"].(schema.ListNestedAttribute)
	if !ok {
		t.Fatalf("leads is a %T, want a list (sets reconcile in quadratic time)", s.Attributes["leads"])
	}
	if got := leads.NestedObject.Type(); !got.Equal(leadObjectType) {
		t.Fatalf("schema object type %s differs from the type leadsListValue builds %s", got, leadObjectType)
	}
}

// Sensitive lead fields make Terraform's cost quadratic in the number of
// leads; see leadAttributes.
func TestLeadsSchema_leadFieldsAreNotSensitive(t *testing.T) {
	leads := leadsSchema(t).Attributes["leads"].(schema.ListNestedAttribute)
	if leads.Sensitive {
		t.Error("leads is Sensitive: length(), for_each and every output from it would become sensitive")
	}
	for name, a := range leads.NestedObject.Attributes {
		if a.IsSensitive() {
			t.Errorf("leads.%s is Sensitive", name)
		}
	}
}

func TestProviderSchema_apiKeyIsSensitive(t *testing.T) {
	var resp provider.SchemaResponse
	New("test")().Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if !resp.Schema.Attributes["api_key"].IsSensitive() {
		t.Error("api_key is not Sensitive")
	}
	for name, a := range resp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("provider attribute %s has no description", name)
		}
	}
}

func TestLeadsSchema_everyAttributeIsDescribed(t *testing.T) {
	s := leadsSchema(t)
	for name, a := range s.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no description", name)
		}
	}
	for name, a := range s.Attributes["leads"].(schema.ListNestedAttribute).NestedObject.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("leads.%s has no description", name)
		}
	}
}

// stateWithLeads sets leads into a data source state the way Read does and
// reads the list back through the framework.
func stateWithLeads(t *testing.T, pages ...[]client.Lead) types.List {
	t.Helper()
	s := leadsSchema(t)
	state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
	b := newLeadsBuilder()
	for i, page := range pages {
		if err := b.add(page, i == 0); err != nil {
			t.Fatal(err)
		}
	}
	model := leadsDataSourceModel{ID: types.StringValue("x"), AgentID: types.StringValue("x"), Timeouts: nullTimeouts()}
	if diags := setLeadsState(context.Background(), &state, model, b); diags.HasError() {
		t.Fatal(diags)
	}
	var got leadsDataSourceModel
	if diags := state.Get(context.Background(), &got); diags.HasError() {
		t.Fatal(diags)
	}
	if got.ID.ValueString() != "x" {
		t.Errorf("id = %s, want the model's", got.ID)
	}
	return got.Leads
}

func TestLeadsState(t *testing.T) {
	t.Run("no leads is an empty list, not null", func(t *testing.T) {
		if v := stateWithLeads(t); v.IsNull() || len(v.Elements()) != 0 {
			t.Fatalf("got %s, want []", v)
		}
		if v := stateWithLeads(t, []client.Lead{}); v.IsNull() || len(v.Elements()) != 0 {
			t.Fatalf("got %s, want []", v)
		}
	})
	t.Run("nil fields are null, the rest kept in order across pages", func(t *testing.T) {
		email := "a@example.com"
		v := stateWithLeads(t, []client.Lead{{ID: "2", Email: &email}}, []client.Lead{{ID: "1"}})
		elems := v.Elements()
		if len(elems) != 2 {
			t.Fatalf("got %d elements", len(elems))
		}
		first := elems[0].(types.Object).Attributes()
		if first["id"].(types.String).ValueString() != "2" || first["email"].(types.String).ValueString() != email {
			t.Errorf("first lead = %v", first)
		}
		if !first["phone"].IsNull() || !elems[1].(types.Object).Attributes()["email"].IsNull() {
			t.Error("nil fields should be null")
		}
	})
	t.Run("a restart drops the leads handed over before", func(t *testing.T) {
		s := leadsSchema(t)
		state := tfsdk.State{Schema: s, Raw: tftypes.NewValue(s.Type().TerraformType(context.Background()), nil)}
		b := newLeadsBuilder()
		_ = b.add([]client.Lead{{ID: "old"}}, true)
		_ = b.add([]client.Lead{{ID: "new"}}, true)
		if diags := setLeadsState(context.Background(), &state, leadsDataSourceModel{Timeouts: nullTimeouts()}, b); diags.HasError() {
			t.Fatal(diags)
		}
		var got leadsDataSourceModel
		state.Get(context.Background(), &got)
		if elems := got.Leads.Elements(); len(elems) != 1 || elems[0].(types.Object).Attributes()["id"].(types.String).ValueString() != "new" {
			t.Fatalf("leads = %s, want only the lead after the restart", got.Leads)
		}
	})
}

// nullTimeouts is an unset timeouts attribute, as a configuration without
// one gives.
func nullTimeouts() timeouts.Value {
	return timeouts.Value{Object: types.ObjectNull(map[string]attr.Type{"read": types.StringType})}
}
