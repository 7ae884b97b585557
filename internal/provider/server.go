package provider

import (
	"context"

	"github.com/hashicorp/terraform-plugin-framework/providerserver"
	"github.com/hashicorp/terraform-plugin-go/tfprotov6"
)

// NewProviderServer returns the protocol 6 server for the provider at the
// given version: the framework's server, which decodes and validates every
// configuration and runs every Read, except that a list's state is encoded
// by the list's own encoder and spliced in (list_state.go). Why, and what
// holds the two paths to the same bytes: DESIGN.md, "The state".
func NewProviderServer(version string) func() (tfprotov6.ProviderServer, error) {
	return newProviderServer(&chatzuriProvider{version: version})
}

func newProviderServer(p *chatzuriProvider) func() (tfprotov6.ProviderServer, error) {
	return func() (tfprotov6.ProviderServer, error) {
		fw, err := providerserver.NewProtocol6WithError(p)()
		if err != nil {
			return nil, err
		}
		return &providerServer{ProviderServer: fw}, nil
	}
}

type providerServer struct {
	tfprotov6.ProviderServer
}

func (s *providerServer) ReadDataSource(ctx context.Context, req *tfprotov6.ReadDataSourceRequest) (*tfprotov6.ReadDataSourceResponse, error) {
	ctx, slot := withListSlot(ctx)
	resp, err := s.ProviderServer.ReadDataSource(ctx, req)
	if err == nil && resp != nil {
		resp.Diagnostics = slot.spliceInto(&resp.State, resp.Diagnostics)
	}
	return resp, err
}

// OpenEphemeralResource does for an ephemeral list's result what
// ReadDataSource does for a list's state.
func (s *providerServer) OpenEphemeralResource(ctx context.Context, req *tfprotov6.OpenEphemeralResourceRequest) (*tfprotov6.OpenEphemeralResourceResponse, error) {
	ctx, slot := withListSlot(ctx)
	resp, err := s.ProviderServer.OpenEphemeralResource(ctx, req)
	if err == nil && resp != nil {
		resp.Diagnostics = slot.spliceInto(&resp.Result, resp.Diagnostics)
	}
	return resp, err
}

func hasError(diags []*tfprotov6.Diagnostic) bool {
	for _, d := range diags {
		if d.Severity == tfprotov6.DiagnosticSeverityError {
			return true
		}
	}
	return false
}

func encodingFailed(attribute string, err error) *tfprotov6.Diagnostic {
	return &tfprotov6.Diagnostic{
		Severity: tfprotov6.DiagnosticSeverityError,
		Summary:  "Unable to encode the " + attribute,
		Detail:   "Writing the state failed: " + err.Error() + ". This is a bug in the provider; please report it.",
	}
}
