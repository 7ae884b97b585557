package provider

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-go/tftypes"
)

// Every list's counts, served beside the lists (TestProvider_servesEveryListAndNothingElse).
var countsChecks = map[string]func(t *testing.T){
	"chatzuri_lead_counts":         func(t *testing.T) { requireCountsDefinition(t, leadCounts) },
	"chatzuri_conversation_counts": func(t *testing.T) { requireCountsDefinition(t, conversationCounts) },
}

func TestCountsDefinitions(t *testing.T) {
	t.Parallel()
	for name, check := range countsChecks {
		t.Run(name, check)
	}
}

// requireCountsDefinition checks that counts take the list's arguments but
// the limit, that every attribute is described, and that nothing in the
// state is a list: counts keep nothing per item.
func requireCountsDefinition[T any](t *testing.T, def countsDefinition[T]) {
	s := dataSourceSchema(t, newListCountsDataSource(def)())
	for name := range def.list.arguments {
		_, has := s.Attributes[name]
		if leftOut := slices.Contains(def.leftOut, name); has == leftOut {
			t.Errorf("argument %s: in the counts' schema %v, left out %v", name, has, leftOut)
		}
	}
	for _, name := range def.leftOut {
		if _, ok := def.list.arguments[name]; !ok {
			t.Errorf("left out %s is no argument of %s", name, def.list.name)
		}
	}
	for _, name := range []string{"id", "total", "by_day", "undated", "timeouts"} {
		if _, ok := s.Attributes[name]; !ok {
			t.Errorf("no %s attribute", name)
		}
	}
	for name, a := range s.Attributes {
		if a.GetMarkdownDescription() == "" {
			t.Errorf("%s has no description", name)
		}
		if _, isList := a.GetType().TerraformType(context.Background()).(tftypes.List); isList && a.IsComputed() && !a.IsOptional() {
			t.Errorf("%s is a list in the state: counts keep nothing per item", name)
		}
	}
}

// requireListDefinition (the list suite's "declaration") checks what every list needs: a valid schema whose
// list is a list (sets reconcile in quadratic time) of objects, derived from
// the declaration's item attributes, which are described and not Sensitive,
// and items whose Go type the encoder can write as the schema says,
// attribute for attribute.
func requireListDefinition[T any](t *testing.T, def listDefinition[T]) {
	s := dataSourceSchema(t, newListDataSource(def)())
	// A list of objects, which Terraform's mock_data and override_data can
	// fill; a list nested attribute they cannot (see elementType).
	list, ok := s.Attributes[def.name].(schema.ListAttribute)
	if !ok {
		t.Fatalf("%s is a %T, want a list of objects: terraform test cannot mock a list nested attribute", def.name, s.Attributes[def.name])
	}
	if list.Sensitive {
		t.Errorf("%s is Sensitive: length(), for_each and every output from it would become sensitive", def.name)
	}
	if want := elementType(def.itemAttributes); !list.ElementType.Equal(want) {
		t.Errorf("%s's element type is %s, not the declaration's %s", def.name, list.ElementType, want)
	}
	// The same Terraform type as the list nested attribute it replaced, so
	// the same state, byte for byte.
	nested := schema.ListNestedAttribute{Computed: true, NestedObject: schema.NestedAttributeObject{Attributes: def.itemAttributes}}
	if got, was := list.GetType().TerraformType(context.Background()), nested.GetType().TerraformType(context.Background()); !got.Equal(was) {
		t.Errorf("%s is a %s, where the list nested attribute was a %s: states would change", def.name, got, was)
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

// requireFieldDocs checks that the committed pages of the list describe
// each of its fields as declared: the docs step (cmd/docs-fields) writes the
// descriptions the schema no longer carries, and make generate must have
// run since a description changed.
func requireFieldDocs(t *testing.T, name string, itemAttributes map[string]schema.Attribute) {
	var pages int
	for _, docs := range AllListFieldDocs() {
		if _, ok := docs.Sections[name]; !ok {
			continue
		}
		pages++
		page, err := os.ReadFile(filepath.Join("..", "..", "docs", filepath.FromSlash(docs.Page)))
		if err != nil {
			t.Errorf("the list's page: %v", err)
			continue
		}
		for section, fields := range docs.Sections {
			for field, description := range fields {
				if !strings.Contains(string(page), "- `"+field+"` (") || !strings.Contains(string(page), ") "+description) {
					t.Errorf("docs/%s does not describe %s.%s as declared: run make generate", docs.Page, section, field)
				}
			}
		}
	}
	if pages == 0 {
		t.Errorf("no docs page describes the fields of %s", name)
	}
	if got := len(itemAttributes); got == 0 {
		t.Errorf("%s declares no fields", name)
	}
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
	for name := range countsChecks {
		want = append(want, name)
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

// A description's list of values (a list's fields, the conversation
// sources) reads as a sentence does, whatever its length.
func TestQuotedListReadsAsASentence(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		values []string
		want   string
	}{
		{nil, ""},
		{[]string{"id"}, "`id`"},
		{[]string{"id", "name"}, "`id` and `name`"},
		{[]string{"id", "name", "email"}, "`id`, `name` and `email`"},
	} {
		if got := quotedList(tc.values); got != tc.want {
			t.Errorf("quotedList(%q) = %q, want %q", tc.values, got, tc.want)
		}
	}
}
