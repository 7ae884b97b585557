package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

var (
	_ ephemeral.EphemeralResourceWithConfigure      = &listEphemeralResource[struct{}]{}
	_ ephemeral.EphemeralResourceWithValidateConfig = &listEphemeralResource[struct{}]{}
)

// listEphemeralResource serves a listDefinition as an ephemeral resource:
// the data source's arguments, validation, read and result attributes,
// with a result Terraform never writes to state or to a saved plan.
type listEphemeralResource[T any] struct {
	def  listDefinition[T]
	data *providerData
}

func newListEphemeralResource[T any](def listDefinition[T]) func() ephemeral.EphemeralResource {
	return func() ephemeral.EphemeralResource { return &listEphemeralResource[T]{def: def} }
}

func (e *listEphemeralResource[T]) Metadata(_ context.Context, req ephemeral.MetadataRequest, resp *ephemeral.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + e.def.name
}

// Schema is the data source's schema, as an ephemeral resource's, with a
// description of its own kind.
func (e *listEphemeralResource[T]) Schema(ctx context.Context, _ ephemeral.SchemaRequest, resp *ephemeral.SchemaResponse) {
	var ds datasource.SchemaResponse
	(&listDataSource[T]{def: e.def}).Schema(ctx, datasource.SchemaRequest{}, &ds)
	ds.Schema.MarkdownDescription = e.def.ephemeralDescription()
	s, err := ephemeralSchema(ds.Schema, ephemeralNote(e.def.name))
	if err != nil {
		resp.Diagnostics.AddError("Unable to build the schema", fmt.Sprintf("%v. This is a bug in the provider; please report it.", err))
		return
	}
	resp.Schema = s
}

func (e *listEphemeralResource[T]) Configure(_ context.Context, req ephemeral.ConfigureRequest, resp *ephemeral.ConfigureResponse) {
	e.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (e *listEphemeralResource[T]) ValidateConfig(ctx context.Context, req ephemeral.ValidateConfigRequest, resp *ephemeral.ValidateConfigResponse) {
	if e.def.validate != nil {
		resp.Diagnostics.Append(e.def.validate(ctx, req.Config)...)
	}
}

func (e *listEphemeralResource[T]) Open(ctx context.Context, req ephemeral.OpenRequest, resp *ephemeral.OpenResponse) {
	read, ok := e.def.read(ctx, e.data, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.Result.SetAttribute(ctx, path.Root("id"), read.request.id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	raw, err := withList(ctx, resp.Result.Raw, e.def.name, read.encoded)
	if err != nil {
		resp.Diagnostics.AddError("Unable to set the "+e.def.name, fmt.Sprintf("Writing the %s into the result failed: %v. This is a bug in the provider; please report it.", e.def.name, err))
		return
	}
	resp.Result.Raw = raw
}

// ephemeralNote opens the ephemeral resource's description.
func ephemeralNote(plural string) string {
	return "The ephemeral form of the `chatzuri_" + plural + "` data source: the same arguments, validation, paging and errors, and the same result, " +
		"which Terraform never writes to the state or to a saved plan (Terraform 1.10 or later, OpenTofu 1.11 or later). " +
		"Terraform opens it in every run that needs it: once while planning and once more while applying, so each `terraform apply` reads the list twice, " +
		"and a plan saved with `-out` reads it again when applied. Use it where the " + plural + " only pass through: into a provisioner's `environment`, " +
		"a write-only attribute, or another ephemeral value.\n\n"
}
