package docscheck

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestTroubleshootingHeadlinesAreTheCodes holds the error headlines the
// troubleshooting guide names (in bold) to the provider's code (and the
// client's, whose refused redirects and proxies explain themselves), so that the
// guide cannot name an error the provider no longer reports. The details are
// not copied into the guide: they live with the code and its tests.
func TestTroubleshootingHeadlinesAreTheCodes(t *testing.T) {
	root := filepath.Join("..", "..")
	guide, err := os.ReadFile(filepath.Join(root, "docs", "guides", "troubleshooting.md"))
	if err != nil {
		t.Fatal(err)
	}
	_, errorsSection, ok := strings.Cut(string(guide), "\n## Errors\n")
	if !ok {
		t.Fatal(`docs/guides/troubleshooting.md has no "## Errors" section`)
	}
	code := goSource(t, filepath.Join(root, "internal", "provider")) + goSource(t, filepath.Join(root, "internal", "client"))
	headlines := regexp.MustCompile(`\*\*([^*]+)\*\*`).FindAllStringSubmatch(errorsSection, -1)
	if len(headlines) < 5 {
		t.Fatalf("found %d headlines in the guide's Errors section, want the common ones", len(headlines))
	}
	for _, m := range headlines {
		headline := strings.Join(strings.Fields(m[1]), " ") // the guide may wrap a headline
		if !strings.Contains(code, `"`+headline+`"`) {
			t.Errorf("the troubleshooting guide names the error %q, which no string in internal/provider or internal/client is", headline)
		}
	}
}

// goSource is the non-test Go source in dir, concatenated.
func goSource(t *testing.T, dir string) string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(dir, "*.go"))
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, f := range files {
		if strings.HasSuffix(f, "_test.go") {
			continue
		}
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		b.Write(src)
	}
	return b.String()
}
