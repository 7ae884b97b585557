package docscheck

import (
	"io/fs"
	"path/filepath"
	"strings"
	"testing"
)

// TestPagesRenderAsWritten checks every generated page under docs/ and the
// README, as the Registry and GitHub would render them.
func TestPagesRenderAsWritten(t *testing.T) {
	root := filepath.Join("..", "..")
	files := []string{filepath.Join(root, "README.md")}
	err := filepath.WalkDir(filepath.Join(root, "docs"), func(path string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(path, ".md") {
			files = append(files, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(files) < 2 {
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
