package provider

import (
	"context"
	"net/http"
	"net/http/httptest"
	"testing"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/tfsdk"
	"github.com/hashicorp/terraform-plugin-go/tftypes"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// dataSourceSchema is ds's schema, checked as the framework checks it.
func dataSourceSchema(t testing.TB, ds datasource.DataSource) schema.Schema {
	t.Helper()
	var resp datasource.SchemaResponse
	ds.Schema(context.Background(), datasource.SchemaRequest{}, &resp)
	if resp.Diagnostics.HasError() {
		t.Fatal(resp.Diagnostics)
	}
	if diags := resp.Schema.ValidateImplementation(context.Background()); diags.HasError() {
		t.Fatal(diags)
	}
	return resp.Schema
}

// configOf is a configuration of s with args set and the rest null.
func configOf(s schema.Schema, args map[string]tftypes.Value) tfsdk.Config {
	objType := s.Type().TerraformType(context.Background()).(tftypes.Object)
	vals := map[string]tftypes.Value{}
	for name, typ := range objType.AttributeTypes {
		vals[name] = tftypes.NewValue(typ, nil)
	}
	for name, v := range args {
		vals[name] = v
	}
	return tfsdk.Config{Schema: s, Raw: tftypes.NewValue(objType, vals)}
}

// readOutsideTerraform runs ds's framework Read against h, with args as its
// configuration (the rest null), as the framework alone would serve it, so
// a test can see every diagnostic, warnings included: terraform-plugin-testing
// can only match errors.
func readOutsideTerraform(t *testing.T, ds datasource.DataSourceWithConfigure, h http.Handler, args map[string]tftypes.Value) *datasource.ReadResponse {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL + "/api/v1", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	ds.Configure(context.Background(), datasource.ConfigureRequest{ProviderData: &providerData{client: c, apiKey: "k"}}, &datasource.ConfigureResponse{})

	s := dataSourceSchema(t, ds)
	config := configOf(s, args)
	// As the framework does: the state starts as the configuration.
	resp := &datasource.ReadResponse{State: tfsdk.State{Schema: s, Raw: config.Raw.Copy()}}
	ds.Read(context.Background(), datasource.ReadRequest{Config: config}, resp)
	return resp
}

// stateAttrs are a read state's attributes.
func stateAttrs(t *testing.T, state tftypes.Value) map[string]tftypes.Value {
	t.Helper()
	var attrs map[string]tftypes.Value
	if err := state.As(&attrs); err != nil {
		t.Fatal(err)
	}
	return attrs
}

// stateList is the list attribute name of a read state.
func stateList(t *testing.T, state tftypes.Value, name string) []tftypes.Value {
	t.Helper()
	var elems []tftypes.Value
	if err := stateAttrs(t, state)[name].As(&elems); err != nil {
		t.Fatal(err)
	}
	return elems
}

// stateString is the string attribute name of a state or object.
func stateString(t *testing.T, obj tftypes.Value, name string) *string {
	t.Helper()
	var s *string
	if err := stateAttrs(t, obj)[name].As(&s); err != nil {
		t.Fatal(err)
	}
	return s
}
