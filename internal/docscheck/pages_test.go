package docscheck

import (
	"io/fs"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// TestPagesRenderAsWritten checks every generated page under docs/, every
// page at the repository's top (README.md, CONTRIBUTING.md, DESIGN.md, ...)
// and the pull request template, as the Registry and GitHub would render them.
// The top is globbed, so that a page added there is checked without a change
// here.
func TestPagesRenderAsWritten(t *testing.T) {
	root := filepath.Join("..", "..")
	files, err := filepath.Glob(filepath.Join(root, "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Contains(files, filepath.Join(root, "README.md")) {
		t.Fatalf("no README.md among the top-level pages %v", files)
	}
	files = append(files, filepath.Join(root, ".github", "pull_request_template.md"))
	err = filepath.WalkDir(filepath.Join(root, "docs"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.ContainsFunc(files, func(f string) bool {
		return strings.HasPrefix(f, filepath.Join(root, "docs")+string(filepath.Separator))
	}) {
		t.Fatalf("no pages found under %s", filepath.Join(root, "docs"))
	}
	problems, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range problems {
		t.Error(p)
	}
}
