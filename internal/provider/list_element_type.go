package provider

import (
	"github.com/hashicorp/terraform-plugin-framework/attr"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/types"
)

// A list's attribute is declared as a list of objects (schema.ListAttribute
// whose ElementType is an object type), not as a list nested attribute,
// although the two are the same type on the wire and in the state: the
// mock filler of Terraform's `terraform test` (mock_data, override_data)
// accepts no list for a nested attribute of nesting mode list, so a module
// reading a list could not be tested with mocks. A list of objects it fills
// from any list value. What a nested attribute gave besides, a description
// per field, stays in the declaration (itemAttributes) and is written into
// the docs by cmd/docs-fields.

// elementType is the object type of one element of a list whose items
// itemAttributes declare, nested lists included: the schema is derived from
// the declaration, never kept beside it by hand.
func elementType(itemAttributes map[string]schema.Attribute) types.ObjectType {
	attrTypes := make(map[string]attr.Type, len(itemAttributes))
	for name, a := range itemAttributes {
		attrTypes[name] = a.GetType()
	}
	return types.ObjectType{AttrTypes: attrTypes}
}
