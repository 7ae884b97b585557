package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProviderServer returns the protocol 6 server for the provider at the
// given version: the framework's server, except for reading chatzuri_leads.
//
// The framework post-processes every data source read, whatever the schema:
// it converts the whole new state back into framework values to check
// semantic equality, compares it with itself, walks it for null blocks and
// copies it, then encodes it through terraform-plugin-go. For 100,000 leads
// that took 4.4 s of CPU and hundreds of MB, more than reading the leads.
// So the ReadDataSource call for chatzuri_leads is answered here, writing
// the state's msgpack straight from the decoded leads (leads_rpc.go). The
// framework still serves the schema, validation and configuration, and the
// data source's framework Read stays the reference that
// TestLeadsRPCReadMatchesTheFrameworkRead holds this path to.
func NewProviderServer(version string) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		p := &chatzuriProvider{version: version}
		fw, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		return &providerServer{ProviderServer: fw, provider: p}, nil
	}
}

type providerServer struct {
	tfprotov6.ProviderServer
	provider *chatzuriProvider
}

func (s *providerServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	if req.TypeName == leadsTypeName {
		return s.readLeads(ctx, req)
	}
	return s.ProviderServer.ReadDataSource(ctx, req)
}
