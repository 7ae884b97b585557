package main

import (
	"strings"
	"testing"
)

const page = "## Schema\n\n### Read-Only\n\n- `leads` (List of Object) The leads. (see [below for nested schema](#nestedatt--leads))\n\n" +
	"<a id=\"nestedatt--leads\"></a>\n### Nested Schema for `leads`\n\nRead-Only:\n\n" +
	"- `id` (String)\n- `tags` (List of Object) (see [below for nested schema](#nestedobjatt--leads--tags))\n\n" +
	"<a id=\"nestedobjatt--leads--tags\"></a>\n### Nested Schema for `leads.tags`\n\nRead-Only:\n\n- `id` (String)\n"

func TestDescribeFields_writesEachDescriptionAfterItsField(t *testing.T) {
	got, err := describeFields([]byte(page), map[string]map[string]string{
		"leads":      {"id": "The lead's id.", "tags": "Its tags."},
		"leads.tags": {"id": "The tag's id."},
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		"\n- `id` (String) The lead's id.\n- `tags` (List of Object) Its tags. (see [below for nested schema](#nestedobjatt--leads--tags))\n",
		"### Nested Schema for `leads.tags`\n\nRead-Only:\n\n- `id` (String) The tag's id.\n",
		// The list's own line, outside its nested schema, is tfplugindocs'.
		"- `leads` (List of Object) The leads. (see",
	} {
		if !strings.Contains(string(got), want) {
			t.Errorf("page lacks %q:\n%s", want, got)
		}
	}
}

func TestDescribeFields_failsWhenThePageAndTheDeclarationDisagree(t *testing.T) {
	for name, sections := range map[string]map[string]map[string]string{
		"a field without a description":    {"leads": {"id": "The lead's id."}, "leads.tags": {"id": "The tag's id."}},
		"a declared field not on the page": {"leads": {"id": "x", "tags": "y", "email": "z"}, "leads.tags": {"id": "x"}},
		"a section not on the page":        {"leads": {"id": "x", "tags": "y"}, "leads.tags": {"id": "x"}, "agents": {"id": "x"}},
		"an empty description":             {"leads": {"id": "", "tags": "y"}, "leads.tags": {"id": "x"}},
	} {
		if _, err := describeFields([]byte(page), sections); err == nil {
			t.Errorf("%s: no error", name)
		}
	}
}
