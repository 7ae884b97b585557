package provider

import (
	"context"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

func leadsSchema(t *testing.T) schema.Schema {
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

func TestLeadsListValue(t *testing.T) {
	t.Run("no leads is an empty list, not null", func(t *testing.T) {
		v, diags := leadsListValue([]client.Lead{})
		if diags.HasError() {
			t.Fatal(diags)
		}
		if v.IsNull() || len(v.Elements()) != 0 {
			t.Fatalf("got %s, want []", v)
		}
	})
	t.Run("nil fields are null, the rest kept in order", func(t *testing.T) {
		email := "a@example.com"
		v, diags := leadsListValue([]client.Lead{{ID: "2", Email: &email}, {ID: "1"}})
		if diags.HasError() {
			t.Fatal(diags)
		}
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
}
