package provider

import (
	"context"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
)

// storedInState is the data source's warning, however worded: what it read
// is stored in plain text in the state.
var storedInState = regexp.MustCompile(`(?i)\bstored\s+in\s+plain\s+text\s+in\s+the\s+(terraform\s+)?state`)

// TestListPages_warnWhatTheirKindKeeps holds each committed page of a list
// of personal data to what its kind keeps: the data source's page warns
// that the state holds the list in plain text, and the ephemeral resource's
// page of the same list, whose result never reaches the state, does not say
// so but warns where the list still goes.
func TestListPages_warnWhatTheirKindKeeps(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	p := &chatzuriProvider{}
	dataSources := map[string]string{}
	for _, ds := range p.DataSources(ctx) {
		var meta datasource.MetadataResponse
		ds().Metadata(ctx, datasource.MetadataRequest{ProviderTypeName: "chatzuri"}, &meta)
		dataSources[meta.TypeName] = dataSourceSchema(t, ds()).MarkdownDescription
	}
	var checked int
	for _, er := range p.EphemeralResources(ctx) {
		var meta ephemeral.MetadataResponse
		er().Metadata(ctx, ephemeral.MetadataRequest{ProviderTypeName: "chatzuri"}, &meta)
		var s ephemeral.SchemaResponse
		er().Schema(ctx, ephemeral.SchemaRequest{}, &s)
		if s.Diagnostics.HasError() {
			t.Fatal(s.Diagnostics)
		}
		name := strings.TrimPrefix(meta.TypeName, "chatzuri_")
		checked++
		dsDescription, ok := dataSources[meta.TypeName]
		if !ok {
			t.Errorf("ephemeral %s has no data source of the same name", meta.TypeName)
			continue
		}
		if !strings.Contains(dsDescription, "**Personal data.**") {
			continue
		}
		if !storedInState.MatchString(dsDescription) {
			t.Errorf("the %s data source's description does not warn that the state keeps its list in plain text", meta.TypeName)
		}
		dsPage := readPage(t, "data-sources", name)
		if !storedInState.MatchString(dsPage) {
			t.Errorf("docs/data-sources/%s.md does not warn that the state keeps the list in plain text: run make generate", name)
		}
		if storedInState.MatchString(s.Schema.MarkdownDescription) {
			t.Errorf("ephemeral %s's description says its result is stored in the state, which an ephemeral resource's never is", meta.TypeName)
		}
		if !strings.Contains(s.Schema.MarkdownDescription, "**Personal data.**") {
			t.Errorf("ephemeral %s's description has no personal data warning of its own, where its data source has one", meta.TypeName)
		}
		page := readPage(t, "ephemeral-resources", name)
		if m := storedInState.FindString(page); m != "" {
			t.Errorf("docs/ephemeral-resources/%s.md says %q, which is not true of an ephemeral resource: its result never reaches the state", name, m)
		}
		_, warning, _ := strings.Cut(s.Schema.MarkdownDescription, "~> **Personal data.**")
		if !strings.Contains(page, strings.TrimSpace(warning)) {
			t.Errorf("docs/ephemeral-resources/%s.md does not carry the ephemeral resource's own personal data warning: run make generate", name)
		}
	}
	if checked == 0 {
		t.Fatal("the provider serves no ephemeral resource")
	}
}

// readPage is the committed docs page of a list of that kind.
func readPage(t *testing.T, kind, name string) string {
	t.Helper()
	page, err := os.ReadFile(filepath.Join("..", "..", "docs", kind, name+".md"))
	if err != nil {
		t.Fatal(err)
	}
	return string(page)
}
