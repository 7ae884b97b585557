package provider

import "github.com/hashicorp/terraform-plugin-framework/diag"

// pathOf is the attribute a diagnostic is about, or "" when it has none.
func pathOf(d diag.Diagnostic) string {
	if wp, ok := d.(diag.DiagnosticWithPath); ok {
		return wp.Path().String()
	}
	return ""
}
