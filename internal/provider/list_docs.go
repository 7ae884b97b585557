package provider

import (
	"cmp"
	"context"
	"maps"
	"slices"

	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
)

// ListFieldDocs are the descriptions of a list's fields for one page of the
// docs. A list is declared as a list of objects (see elementType), whose
// fields the schema cannot describe, so tfplugindocs lists them bare; the
// docs step (cmd/docs-fields, run by make generate) writes these after
// them, from the same declaration the schema is derived from.
type ListFieldDocs struct {
	// Page is the page tfplugindocs writes, under docs/:
	// "data-sources/leads.md".
	Page string
	// Sections are the descriptions by nested schema (tfplugindocs'
	// "Nested Schema for `conversations.messages`") and field name.
	Sections map[string]map[string]string
}

// listDeclaration is what a served list tells the docs about its elements.
type listDeclaration interface {
	declaration() (name string, itemAttributes map[string]schema.Attribute)
}

func (d *listDataSource[T]) declaration() (string, map[string]schema.Attribute) {
	return d.def.name, d.def.itemAttributes
}

func (e *listEphemeralResource[T]) declaration() (string, map[string]schema.Attribute) {
	return e.def.name, e.def.itemAttributes
}

// AllListFieldDocs are the field descriptions of every list the provider
// serves, as a data source and as an ephemeral resource, in page order.
func AllListFieldDocs() []ListFieldDocs {
	ctx := context.Background()
	p := &chatzuriProvider{}
	var docs []ListFieldDocs
	for _, ds := range p.DataSources(ctx) {
		if decl, ok := ds().(listDeclaration); ok {
			docs = append(docs, listFieldDocs("data-sources", decl))
		}
	}
	for _, er := range p.EphemeralResources(ctx) {
		if decl, ok := er().(listDeclaration); ok {
			docs = append(docs, listFieldDocs("ephemeral-resources", decl))
		}
	}
	slices.SortFunc(docs, func(a, b ListFieldDocs) int { return cmp.Compare(a.Page, b.Page) })
	return docs
}

func listFieldDocs(kind string, decl listDeclaration) ListFieldDocs {
	name, attrs := decl.declaration()
	docs := ListFieldDocs{Page: kind + "/" + name + ".md", Sections: map[string]map[string]string{}}
	var add func(section string, attrs map[string]schema.Attribute)
	add = func(section string, attrs map[string]schema.Attribute) {
		fields := make(map[string]string, len(attrs))
		for _, field := range slices.Sorted(maps.Keys(attrs)) {
			a := attrs[field]
			fields[field] = a.GetMarkdownDescription()
			if nested, ok := a.(schema.ListNestedAttribute); ok {
				add(section+"."+field, nested.NestedObject.Attributes)
			}
		}
		docs.Sections[section] = fields
	}
	add(name, attrs)
	return docs
}

var (
	_ listDeclaration = &listDataSource[struct{}]{}
	_ listDeclaration = &listEphemeralResource[struct{}]{}
)
