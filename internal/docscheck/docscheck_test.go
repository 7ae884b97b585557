package docscheck

import (
	"path/filepath"
	"strings"
	"testing"
)

func checkFixture(t *testing.T, names ...string) []string {
	t.Helper()
	var files []string
	for _, name := range names {
		files = append(files, filepath.Join("testdata", name))
	}
	problems, err := CheckFiles(files)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, p := range problems {
		out = append(out, p.String())
	}
	return out
}

func TestCheckFiles_goodPageHasNoProblems(t *testing.T) {
	if got := checkFixture(t, "good.md", "other.md"); len(got) != 0 {
		t.Errorf("problems on a page that renders as written:\n%s", strings.Join(got, "\n"))
	}
}

// The case of docs/guides/personal-data.md before it was fixed: tfplugindocs'
// tffile indents only the first line of the example it inserts.
func TestCheckFiles_exampleFallsOutOfListItem(t *testing.T) {
	got := strings.Join(checkFixture(t, "list-item-example.md"), "\n")
	for _, want := range []string{
		"list-item-example.md:5: fenced block renders as a code block of 0 lines, not the 4 written",
		`list-item-example.md:6: renders as a heading the source did not write: "Ids and dates only."`,
	} {
		if !strings.Contains(got, want) {
			t.Errorf("want a problem containing %q, got:\n%s", want, got)
		}
	}
}

func TestCheckFiles_setextHeadingNotWritten(t *testing.T) {
	got := strings.Join(checkFixture(t, "setext.md"), "\n")
	want := `setext.md:3: renders as a heading the source did not write: "page_title: not front matter, since it is not at the top"`
	if !strings.Contains(got, want) {
		t.Errorf("want a problem containing %q, got:\n%s", want, got)
	}
}

func TestCheckFiles_brokenLinks(t *testing.T) {
	got := checkFixture(t, "links.md", "other.md")
	want := []string{
		`testdata/links.md:3: link "missing.md": no file testdata/missing.md`,
		`testdata/links.md:3: link "other.md#nothing": testdata/other.md has no anchor #nothing`,
		`testdata/links.md:3: link "#link": testdata/links.md has no anchor #link`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

func TestSlug(t *testing.T) {
	for heading, want := range map[string]string{
		"Personal data in the Terraform state":              "personal-data-in-the-terraform-state",
		"Why customer and content are not marked sensitive": "why-customer-and-content-are-not-marked-sensitive",
		"max_leads":                          "max_leads",
		"Rate limits, retries (and 429)":     "rate-limits-retries-and-429",
		"One resource per lead, keyed by id": "one-resource-per-lead-keyed-by-id",
	} {
		if got := slug(heading); got != want {
			t.Errorf("slug(%q) = %q, want %q", heading, got, want)
		}
	}
}
