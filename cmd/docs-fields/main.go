// Command docs-fields writes each list field's description into the pages
// tfplugindocs generated, after the field's line under the list's "Nested
// Schema" heading. make generate runs it after tfplugindocs.
//
// The lists are declared as lists of objects (mock_data and override_data
// in `terraform test` can fill nothing else), and an object type carries no
// descriptions, so tfplugindocs lists the fields bare. The descriptions
// come from the same declarations the schema is derived from, so the pages
// read as a nested attribute's would and cannot drift from the schema: a
// field on a page without a description, a description without its field,
// or a missing page or section is an error.
//
// Usage: go run ./cmd/docs-fields [docs directory, default "docs"]
package main

import (
	"fmt"
	"maps"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/provider"
)

func main() {
	dir := "docs"
	if len(os.Args) > 1 {
		dir = os.Args[1]
	}
	for _, docs := range provider.AllListFieldDocs() {
		name := filepath.Join(dir, filepath.FromSlash(docs.Page))
		page, err := os.ReadFile(name)
		if err == nil {
			page, err = describeFields(page, docs.Sections)
		}
		if err == nil {
			err = os.WriteFile(name, page, 0o644) //nolint:gosec // docs are world-readable
		}
		if err != nil {
			fmt.Fprintf(os.Stderr, "docs-fields: %s: %v\n", name, err)
			os.Exit(1)
		}
	}
}

var (
	// tfplugindocs' heading of a nested schema, such as
	// "### Nested Schema for `leads`".
	sectionHeading = regexp.MustCompile("^### Nested Schema for `([^`]+)`$")
	// A field of an object, which tfplugindocs writes with no description,
	// such as "- `id` (String)" or "- `messages` (List of Object) (see ...)".
	bareField = regexp.MustCompile(`^- ` + "`" + `([a-z0-9_]+)` + "`" + ` \(([^)]+)\)( \(see \[below for nested schema\]\([^)]*\)\))?$`)
)

// describeFields returns page with the descriptions of sections (by section,
// then field) written after each field's type.
func describeFields(page []byte, sections map[string]map[string]string) ([]byte, error) {
	lines := strings.Split(string(page), "\n")
	left := map[string]map[string]bool{} // the fields not yet written, by section
	for section, fields := range sections {
		left[section] = map[string]bool{}
		for field := range fields {
			left[section][field] = true
		}
	}
	seen := map[string]bool{}
	section := ""
	for i, line := range lines {
		if m := sectionHeading.FindStringSubmatch(line); m != nil {
			section = m[1]
			if _, ok := sections[section]; ok {
				seen[section] = true
			}
			continue
		}
		if strings.HasPrefix(line, "### ") || strings.HasPrefix(line, "## ") {
			section = ""
			continue
		}
		fields, ok := sections[section]
		if !ok {
			continue
		}
		m := bareField.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		description := fields[m[1]]
		if description == "" || !left[section][m[1]] {
			return nil, fmt.Errorf("field %s.%s is on the page but has no description in its declaration", section, m[1])
		}
		lines[i] = fmt.Sprintf("- `%s` (%s) %s%s", m[1], m[2], description, m[3])
		delete(left[section], m[1])
	}
	for _, section := range slices.Sorted(maps.Keys(sections)) {
		if !seen[section] {
			return nil, fmt.Errorf("no \"Nested Schema for `%s`\" section", section)
		}
		if fields := slices.Sorted(maps.Keys(left[section])); len(fields) > 0 {
			return nil, fmt.Errorf("field %s.%s is declared but not listed bare under its section", section, fields[0])
		}
	}
	return []byte(strings.Join(lines, "\n")), nil
}
