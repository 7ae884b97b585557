package provider

import (
	"context"
	"slices"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every list the provider serves, with the checks every list must pass.
// TestProvider_servesEveryListAndNothingElse keeps the two in step.
var listChecks = map[string]func(t *testing.T){
	"chatzuri_leads":         func(t *testing.T) { requireListDefinition(t, leads) },
	"chatzuri_conversations": func(t *testing.T) { requireListDefinition(t, conversations) },
	"chatzuri_agents":        func(t *testing.T) { requireListDefinition(t, agents) },
}

func TestListDefinitions(t *testing.T) {
	for name, check := range listChecks {
		t.Run(name, check)
	}
}

// requireListDefinition checks what every list needs: a valid schema whose
// list is a list (sets reconcile in quadratic time) of attributes that are
// described and not Sensitive, and items whose Go type the encoder can
// write as the schema says, attribute for attribute.
func requireListDefinition[T any](t *testing.T, def listDefinition[T]) {
	s := dataSourceSchema(t, newListDataSource(def)())
	list, ok := s.Attributes[def.name].(schema.ListNestedAttribute)
	if !ok {
		t.Fatalf("%s is a %T, want a list nested attribute", def.name, s.Attributes[def.name])
	}
	if list.Sensitive {
		t.Errorf("%s is Sensitive: length(), for_each and every output from it would become sensitive", def.name)
	}
	elem := s.Type().TerraformType(context.Background()).(tftypes.Object).AttributeTypes[def.name].(tftypes.List).ElementType.(tftypes.Object)
	if _, err := newListEncoder[T](elem, nil); err != nil {
		t.Errorf("the schema and the items disagree: %v", err)
	}
	var walk func(prefix string, attrs map[string]schema.Attribute, inList bool)
	walk = func(prefix string, attrs map[string]schema.Attribute, inList bool) {
		for name, a := range attrs {
			if a.GetMarkdownDescription() == "" && a.GetDescription() == "" {
				t.Errorf("%s%s has no description", prefix, name)
			}
			if inList && a.IsSensitive() {
				t.Errorf("%s%s is Sensitive, which makes Terraform's cost quadratic in the list's length", prefix, name)
			}
			switch nested := a.(type) {
			case schema.ListNestedAttribute:
				walk(prefix+name+".", nested.NestedObject.Attributes, true)
			case schema.SingleNestedAttribute:
				walk(prefix+name+".", nested.Attributes, inList)
			}
		}
	}
	walk("", s.Attributes, false)
	walk(def.name+".", def.itemAttributes, true)
}

func TestProvider_servesEveryListAndNothingElse(t *testing.T) {
	var names []string
	for _, ds := range (&chatzuriProvider{}).DataSources(context.Background()) {
		var resp datasource.MetadataResponse
		ds().Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "chatzuri"}, &resp)
		names = append(names, resp.TypeName)
	}
	var want []string
	for name := range listChecks {
		want = append(want, name)
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("data sources = %v, want %v: add a new list to listChecks", names, want)
	}
}

func TestProviderSchema_apiKeyIsSensitive(t *testing.T) {
	var resp provider.SchemaResponse
	(&chatzuriProvider{}).Schema(context.Background(), provider.SchemaRequest{}, &resp)
	if !resp.Schema.Attributes["api_key"].IsSensitive() {
		t.Error("api_key is not Sensitive")
	}
	for name, a := range resp.Schema.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("provider attribute %s has no description", name)
		}
	}
}
