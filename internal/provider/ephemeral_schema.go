package provider

import (
	"fmt"

	dsschema "github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral/schema"
)

// ephemeralSchema is a data source's schema as an ephemeral resource's: the
// two packages declare the same attributes with different Go types. Only
// the kinds of attribute the lists use are converted; any other is an error.
func ephemeralSchema(s dsschema.Schema, note string) (schema.Schema, error) {
	attrs, err := ephemeralAttributes(s.Attributes)
	return schema.Schema{MarkdownDescription: note + s.MarkdownDescription, Attributes: attrs}, err
}

func ephemeralAttributes(in map[string]dsschema.Attribute) (map[string]schema.Attribute, error) {
	out := make(map[string]schema.Attribute, len(in))
	for name, a := range in {
		var err error
		if out[name], err = ephemeralAttribute(a); err != nil {
			return nil, fmt.Errorf("attribute %s: %w", name, err)
		}
	}
	return out, nil
}

func ephemeralAttribute(a dsschema.Attribute) (schema.Attribute, error) {
	switch a := a.(type) {
	case dsschema.StringAttribute:
		return schema.StringAttribute{
			MarkdownDescription: a.MarkdownDescription, Description: a.Description, CustomType: a.CustomType,
			Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, Validators: a.Validators,
		}, nil
	case dsschema.NumberAttribute:
		return schema.NumberAttribute{
			MarkdownDescription: a.MarkdownDescription, Description: a.Description, CustomType: a.CustomType,
			Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, Validators: a.Validators,
		}, nil
	case dsschema.ListAttribute:
		return schema.ListAttribute{
			MarkdownDescription: a.MarkdownDescription, Description: a.Description, CustomType: a.CustomType, ElementType: a.ElementType,
			Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, Validators: a.Validators,
		}, nil
	case dsschema.ListNestedAttribute:
		nested, err := ephemeralAttributes(a.NestedObject.Attributes)
		return schema.ListNestedAttribute{
			MarkdownDescription: a.MarkdownDescription, Description: a.Description, CustomType: a.CustomType,
			NestedObject: schema.NestedAttributeObject{Attributes: nested, CustomType: a.NestedObject.CustomType, Validators: a.NestedObject.Validators},
			Required:     a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, Validators: a.Validators,
		}, err
	case dsschema.SingleNestedAttribute:
		nested, err := ephemeralAttributes(a.Attributes)
		return schema.SingleNestedAttribute{
			MarkdownDescription: a.MarkdownDescription, Description: a.Description, CustomType: a.CustomType, Attributes: nested,
			Required: a.Required, Optional: a.Optional, Computed: a.Computed, Sensitive: a.Sensitive, Validators: a.Validators,
		}, err
	}
	return nil, fmt.Errorf("%T has no ephemeral counterpart here", a)
}
