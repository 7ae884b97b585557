package docscheck

import (
	"net/url"
	"path/filepath"
	"testing"

	"github.com/yuin/goldmark/ast"
)

// TestIndexLinksEveryGuide holds the provider's page, which the Registry
// shows first, to the guides: each page under docs/guides/ is linked from
// docs/index.md, as rendered, so a new guide cannot go unlisted.
func TestIndexLinksEveryGuide(t *testing.T) {
	docs := filepath.Join("..", "..", "docs")
	guides, err := filepath.Glob(filepath.Join(docs, "guides", "*.md"))
	if err != nil {
		t.Fatal(err)
	}
	if len(guides) == 0 {
		t.Fatalf("no guides under %s", filepath.Join(docs, "guides"))
	}
	index, err := parse(filepath.Join(docs, "index.md"))
	if err != nil {
		t.Fatal(err)
	}
	linked := linkedFiles(t, index)
	for _, guide := range guides {
		if !linked[filepath.Clean(guide)] {
			t.Errorf("docs/index.md does not link docs/guides/%s: add it to the guides in templates/index.md.tmpl and run make generate", filepath.Base(guide))
		}
	}
}

// linkedFiles are the files p's relative links point at, as paths from the
// working directory.
func linkedFiles(t *testing.T, p *page) map[string]bool {
	t.Helper()
	files := map[string]bool{}
	_ = ast.Walk(p.doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if link, ok := n.(*ast.Link); ok && entering {
			if u, err := url.Parse(string(link.Destination)); err == nil && u.Scheme == "" && u.Host == "" && u.Path != "" {
				files[filepath.Join(filepath.Dir(p.file), filepath.FromSlash(u.Path))] = true
			}
		}
		return ast.WalkContinue, nil
	})
	return files
}
