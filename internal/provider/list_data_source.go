package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/path"
)

var (
	_ datasource.DataSourceWithConfigure      = &listDataSource[struct{}]{}
	_ datasource.DataSourceWithValidateConfig = &listDataSource[struct{}]{}
)

// listDataSource serves a listDefinition as a data source.
type listDataSource[T any] struct {
	def  listDefinition[T]
	data *providerData
}

func newListDataSource[T any](def listDefinition[T]) func() datasource.DataSource {
	return func() datasource.DataSource { return &listDataSource[T]{def: def} }
}

func (d *listDataSource[T]) Metadata(_ context.Context, req datasource.MetadataRequest, resp *datasource.MetadataResponse) {
	resp.TypeName = req.ProviderTypeName + "_" + d.def.name
}

func (d *listDataSource[T]) Schema(ctx context.Context, _ datasource.SchemaRequest, resp *datasource.SchemaResponse) {
	attrs := d.def.argumentAttributes()
	idDescription := d.def.idDescription
	if idDescription == "" {
		idDescription = fmt.Sprintf("An identifier derived from the arguments that select the %s (all but `page_size` and `timeouts`): the same arguments give the same `id`.", d.def.name)
	}
	attrs["id"] = schema.StringAttribute{MarkdownDescription: idDescription, Computed: true}
	// A list of objects, not a list nested attribute: see elementType.
	attrs[d.def.name] = schema.ListAttribute{
		MarkdownDescription: d.def.listDescription,
		Computed:            true,
		ElementType:         elementType(d.def.itemAttributes),
	}
	if d.def.fieldSelection {
		attrs["fields"] = fieldsArgument(d.def.name, d.def.itemAttributes)
	}
	attrs["timeouts"] = readTimeoutAttribute(ctx)
	resp.Schema = schema.Schema{MarkdownDescription: d.def.dataSourceDescription(), Attributes: attrs}
}

func (d *listDataSource[T]) Configure(_ context.Context, req datasource.ConfigureRequest, resp *datasource.ConfigureResponse) {
	d.data = providerDataFrom(req.ProviderData, &resp.Diagnostics)
}

func (d *listDataSource[T]) ValidateConfig(ctx context.Context, req datasource.ValidateConfigRequest, resp *datasource.ValidateConfigResponse) {
	if d.def.validate != nil {
		resp.Diagnostics.Append(d.def.validate(ctx, req.Config)...)
	}
}

func (d *listDataSource[T]) Read(ctx context.Context, req datasource.ReadRequest, resp *datasource.ReadResponse) {
	read, ok := d.def.read(ctx, d.data, req.Config, &resp.Diagnostics)
	if !ok {
		return
	}
	resp.Diagnostics.Append(resp.State.SetAttribute(ctx, path.Root("id"), read.request.id)...)
	if resp.Diagnostics.HasError() {
		return
	}
	raw, err := withList(ctx, resp.State.Raw, d.def.name, read.encoded)
	if err != nil {
		resp.Diagnostics.AddError("Unable to set the "+d.def.name, fmt.Sprintf("Writing the %s into the state failed: %v. This is a bug in the provider; please report it.", d.def.name, err))
		return
	}
	resp.State.Raw = raw
}
