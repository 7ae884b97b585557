package provider

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
)

// served is what the provider serves, by kind: the type names of its data
// sources and ephemeral resources, and the names of its functions.
type served struct {
	dataSources, ephemeralResources, functions []string
}

func whatTheProviderServes() served {
	ctx := context.Background()
	p := &chatzuriProvider{}
	var s served
	for _, ds := range p.DataSources(ctx) {
		var resp datasource.MetadataResponse
		ds().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "chatzuri"}, &resp)
		s.dataSources = append(s.dataSources, resp.TypeName)
	}
	for _, e := range p.EphemeralResources(ctx) {
		var resp ephemeral.MetadataResponse
		e().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "chatzuri"}, &resp)
		s.ephemeralResources = append(s.ephemeralResources, resp.TypeName)
	}
	for _, f := range p.Functions(ctx) {
		var resp function.MetadataResponse
		f().Metadata(ctx, function.MetadataRequest{}, &resp)
		s.functions = append(s.functions, resp.Name)
	}
	return s
}

// The README's and the docs index's tables name every data source,
// ephemeral resource and function the provider serves, and nothing else;
// in the index, each links to its own page.
func TestReadmeAndIndexTablesListWhatTheProviderServes(t *testing.T) {
	t.Parallel()
	want := whatTheProviderServes()
	if len(want.dataSources) == 0 || len(want.ephemeralResources) == 0 || len(want.functions) == 0 {
		t.Fatalf("test premise: the provider serves something of each kind, got %+v", want)
	}
	for _, page := range []struct {
		path  string
		links bool // names link to their pages
	}{
		{"README.md", false},
		{filepath.Join("docs", "index.md"), true},
	} {
		t.Run(page.path, func(t *testing.T) {
			t.Parallel()
			text, err := os.ReadFile(filepath.Join("..", "..", page.path))
			if err != nil {
				t.Fatal(err)
			}
			got := namedInTables(t, string(text), page.links)
			for _, kind := range []struct {
				name      string
				got, want []string
			}{
				{"data sources", got.dataSources, want.dataSources},
				{"ephemeral resources", got.ephemeralResources, want.ephemeralResources},
				{"functions", got.functions, want.functions},
			} {
				// Sorted copies: want is shared by the parallel subtests.
				named, served := slices.Sorted(slices.Values(kind.got)), slices.Sorted(slices.Values(kind.want))
				if !slices.Equal(named, served) {
					t.Errorf("%s's tables name the %s %q; provider.go serves %q", page.path, kind.name, named, served)
				}
			}
		})
	}
}

// namedName is a name in code in a table cell, linked to a page or not, a
// function's with its arguments or not: `chatzuri_leads`,
// [`chatzuri_leads`](data-sources/leads.md), `provider::chatzuri::f(x)`.
var namedName = regexp.MustCompile("(\\[)?`([a-z_:]+)(?:\\([a-z_, ]*\\))?`(?:\\]\\(([^)]*)\\))?")

// namedInTables reads the Markdown tables of text: a table whose header has
// a "data source" column names data sources there, and ephemeral resources
// in its "ephemeral" column; one whose first column is "function" names
// functions (as provider::chatzuri::name) there. With links, every name must
// link to its page.
func namedInTables(t *testing.T, text string, links bool) served {
	t.Helper()
	var s served
	var header []string
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "|") {
			header = nil
			continue
		}
		cells := strings.Split(strings.Trim(line, "|"), "|")
		if header == nil {
			header = cells
			continue
		}
		for i, cell := range cells {
			if i >= len(header) || strings.HasPrefix(strings.TrimSpace(cell), "---") {
				continue
			}
			column := strings.TrimSpace(header[i])
			for _, m := range namedName.FindAllStringSubmatch(cell, -1) {
				linked, name, target := m[1] != "", m[2], m[3]
				var kind *[]string
				var dir string
				switch {
				case strings.HasPrefix(column, "data source"):
					kind, dir = &s.dataSources, "data-sources"
				case strings.HasPrefix(column, "ephemeral"):
					kind, dir = &s.ephemeralResources, "ephemeral-resources"
				case column == "function" && strings.HasPrefix(name, "provider::chatzuri::"):
					name = strings.TrimPrefix(name, "provider::chatzuri::")
					kind, dir = &s.functions, "functions"
				default:
					continue
				}
				*kind = append(*kind, name)
				page := dir + "/" + strings.TrimPrefix(name, "chatzuri_") + ".md"
				if links && (!linked || target != page) {
					t.Errorf("%s is not linked to %s", m[0], page)
				}
			}
		}
	}
	return s
}
