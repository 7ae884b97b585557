package provider

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// readLeads runs the data source's Read against an emulator, outside
// Terraform, so a test can see every diagnostic, warnings included
// (terraform-plugin-testing can only match errors).
func readLeads(t *testing.T, agents map[string][]emulator.Lead, args map[string]tftypes.Value) *datasource.ReadResponse {
	t.Helper()
	srv := httptest.NewServer(emulator.New(emulator.Options{APIKey: "k", Agents: agents}))
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL + "/api/v1", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}

	ds := NewLeadsDataSource().(*leadsDataSource)
	ds.Configure(context.Background(), datasource.ConfigureRequest{ProviderData: &providerData{client: c, apiKey: "k"}}, &datasource.ConfigureResponse{})
	s := leadsSchema(t)
	objType := s.Type().TerraformType(context.Background()).(tftypes.Object)

	vals := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	for name, v := range args {
		vals[name] = v
	}
	req := datasource.ReadRequest{Config: tfsdk.Config{Schema: s, Raw: tftypes.NewValue(objType, vals)}}
	resp := &datasource.ReadResponse{State: tfsdk.State{Schema: s, Raw: tftypes.NewValue(objType, nil)}}
	ds.Read(context.Background(), req, resp)
	return resp
}

func leadCount(t *testing.T, resp *datasource.ReadResponse) int {
	t.Helper()
	var model leadsDataSourceModel
	if diags := resp.State.Get(context.Background(), &model); diags.HasError() {
		t.Fatal(diags)
	}
	return len(model.Leads.Elements())
}

func TestLeadsRead_maxLeadsWarnsWhenTheListIsCut(t *testing.T) {
	resp := readLeads(t, map[string][]emulator.Lead{"agt": emulator.SeedLeads("agt", 12)}, map[string]tftypes.Value{
		"agent_id":  tftypes.NewValue(tftypes.String, "agt"),
		"max_leads": tftypes.NewValue(tftypes.Number, 5),
		"page_size": tftypes.NewValue(tftypes.Number, 5),
	})
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if got := leadCount(t, resp); got != 5 {
		t.Fatalf("got %d leads, want 5", got)
	}
	warnings := resp.Diagnostics.Warnings()
	if len(warnings) != 1 {
		t.Fatalf("got %d warnings, want 1: %v", len(warnings), resp.Diagnostics)
	}
	w := warnings[0]
	if pathOf(w) != "max_leads" || !strings.Contains(w.Summary(), "cut to max_leads") || !containsAll(w.Detail(), `"agt"`, "more than 5") {
		t.Errorf("warning on %q: %q / %q", pathOf(w), w.Summary(), w.Detail())
	}
}

func TestLeadsRead_noWarningWhenTheAgentHasExactlyMaxLeads(t *testing.T) {
	resp := readLeads(t, map[string][]emulator.Lead{"agt": emulator.SeedLeads("agt", 10)}, map[string]tftypes.Value{
		"agent_id":  tftypes.NewValue(tftypes.String, "agt"),
		"max_leads": tftypes.NewValue(tftypes.Number, 10),
		"page_size": tftypes.NewValue(tftypes.Number, 5),
	})
	if len(resp.Diagnostics) != 0 {
		t.Fatalf("want no diagnostics, got %v", resp.Diagnostics)
	}
	if got := leadCount(t, resp); got != 10 {
		t.Fatalf("got %d leads, want 10", got)
	}
}
