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

// readOutsideTerraform runs ds's framework Read against h, with args as its
// configuration (the rest null), so a test can see every diagnostic,
// warnings included: terraform-plugin-testing can only match errors.
func readOutsideTerraform(t *testing.T, ds datasource.DataSourceWithConfigure, s schema.Schema, h http.Handler, args map[string]tftypes.Value) *datasource.ReadResponse {
	t.Helper()
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	c, err := client.New(client.Config{BaseURL: srv.URL + "/api/v1", APIKey: "k"})
	if err != nil {
		t.Fatal(err)
	}
	ds.Configure(context.Background(), datasource.ConfigureRequest{ProviderData: &providerData{client: c, apiKey: "k"}}, &datasource.ConfigureResponse{})

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
