package provider

import (
	"context"
	"fmt"
	"strings"

	"github.com/agext/levenshtein"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
)

// oneOf accepts one of a fixed set of values. It stands in for
// stringvalidator.OneOf, whose error is a generic list of the allowed values,
// to give the provider's usual shape: the attribute, the value, the likely
// fix ("did you mean "email"?"), and the values it may be.
type oneOf struct {
	// what the values are, after "which is not": "an attribute of the leads".
	what   string
	values []string
}

func (v oneOf) Description(context.Context) string {
	return "must be one of " + quotedValues(v.values)
}

func (v oneOf) MarkdownDescription(ctx context.Context) string { return v.Description(ctx) }

func (v oneOf) ValidateString(_ context.Context, req validator.StringRequest, resp *validator.StringResponse) {
	if req.ConfigValue.IsNull() || req.ConfigValue.IsUnknown() {
		return
	}
	got := req.ConfigValue.ValueString()
	for _, value := range v.values {
		if got == value {
			return
		}
	}
	hint := ""
	if near := nearest(got, v.values); near != "" {
		hint = fmt.Sprintf(" Did you mean %q?", near)
	}
	resp.Diagnostics.AddAttributeError(req.Path, "Invalid value",
		fmt.Sprintf("%s is %q, which is not %s.%s It must be one of %s.", req.Path, got, v.what, hint, quotedValues(v.values)))
}

// maxSuggestionDistance is how many edits away a value may be to be
// suggested: Terraform's own "Did you mean" uses the same bound, and it
// takes a transposition ("emial") but not an unrelated word.
const maxSuggestionDistance = 2

// nearest is the value closest to got, ignoring case, when it is at most
// maxSuggestionDistance edits away; "" when none is.
func nearest(got string, values []string) string {
	best, bestDistance := "", maxSuggestionDistance+1
	for _, value := range values {
		if d := levenshtein.Distance(strings.ToLower(got), strings.ToLower(value), nil); d < bestDistance {
			best, bestDistance = value, d
		}
	}
	return best
}

// quotedValues renders values as "a", "b" or "c" for a message.
func quotedValues(values []string) string {
	q := make([]string, len(values))
	for i, v := range values {
		q[i] = fmt.Sprintf("%q", v)
	}
	if len(q) < 2 {
		return strings.Join(q, "")
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}
