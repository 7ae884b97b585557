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

// requireListDefinition (the list suite's "declaration") checks what every list needs: a valid schema whose
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
	t.Parallel()
	var names []string
	for _, ds := range (&chatzuriProvider{}).DataSources(context.Background()) {
		var resp datasource.MetadataResponse
		ds().Metadata(context.Background(), datasource.MetadataRequest{ProviderTypeName: "chatzuri"}, &resp)
		names = append(names, resp.TypeName)
	}
	var want []string
	for _, row := range listSuite {
		if row.typeName() != "chatzuri_notes" { // declared by the tests only
			want = append(want, row.typeName())
		}
	}
	slices.Sort(names)
	slices.Sort(want)
	if !slices.Equal(names, want) {
		t.Errorf("data sources = %v, want %v: add a new list's row to listSuite", names, want)
	}
}

func TestProviderSchema_apiKeyIsSensitive(t *testing.T) {
	t.Parallel()
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
