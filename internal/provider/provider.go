// Package provider maps Terraform configuration onto the Chatzuri API client.
package provider

import (
	"context"
	"fmt"

	"github.com/hashicorp/terraform-plugin-framework/datasource"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/ephemeral"
	"github.com/hashicorp/terraform-plugin-framework/function"
	"github.com/hashicorp/terraform-plugin-framework/provider"
	"github.com/hashicorp/terraform-plugin-framework/provider/schema"
	"github.com/hashicorp/terraform-plugin-framework/resource"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"
	"github.com/hashicorp/terraform-plugin-framework/types"
	"github.com/hashicorp/terraform-plugin-log/tflog"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// Environment variables read when the matching attribute is not set.
const (
	envAPIKey     = "CHATZURI_API_KEY"
	envBaseURL    = "CHATZURI_BASE_URL"
	envMaxRetries = "CHATZURI_MAX_RETRIES"
	envMaxConc    = "CHATZURI_MAX_CONCURRENT_REQUESTS"
	envTimeout    = "CHATZURI_REQUEST_TIMEOUT"
)

// maxRetriesLimit keeps a mistyped max_retries from stalling a run for hours;
// maxConcurrencyLimit keeps a mistyped max_concurrent_requests from
// tripping the team's rate limit at once.
const (
	maxRetriesLimit     = 20
	maxConcurrencyLimit = 32
)

var (
	_ provider.ProviderWithEphemeralResources = &chatzuriProvider{}
	_ provider.ProviderWithFunctions          = &chatzuriProvider{}
)

type chatzuriProvider struct {
	version string
	// maxListBytes is how large a list's encoded value may grow; 0 is
	// defaultMaxListBytes. Tests set less, to reach the limit with a few
	// items.
	maxListBytes int
	// testDataSources and testEphemeralResources are served beside the
	// provider's own: a list that only the tests declare (list_suite_test.go).
	testDataSources        []func() datasource.DataSource
	testEphemeralResources []func() ephemeral.EphemeralResource
}

type chatzuriProviderModel struct {
	APIKey     types.String `tfsdk:"api_key"`
	BaseURL    types.String `tfsdk:"base_url"`
	MaxRetries types.Number `tfsdk:"max_retries"`
	MaxConc    types.Number `tfsdk:"max_concurrent_requests"`
	Timeout    types.String `tfsdk:"request_timeout"`
}

// providerData is what Configure hands to every data source.
type providerData struct {
	client *client.Client
	// apiKey is kept only to mask it in the data sources' logs.
	apiKey string
	// maxListBytes is how large a list's encoded value may grow (list_size.go).
	maxListBytes int
	// baseURL is the API's, for messages that depend on whether it is the
	// default; baseURLFrom is where it came from (settings.baseURLFrom).
	baseURL, baseURLFrom string
}

func (p *chatzuriProvider) Metadata(_ context.Context, _ provider.MetadataRequest, resp *provider.MetadataResponse) {
	resp.TypeName = "chatzuri"
	resp.Version = p.version
}

func (p *chatzuriProvider) Schema(_ context.Context, _ provider.SchemaRequest, resp *provider.SchemaResponse) {
	resp.Schema = schema.Schema{
		MarkdownDescription: "Reads the leads and conversations of [Chatzuri](https://www.chatzuri.com) AI agents through Chatzuri's v1 REST API.",
		Attributes: map[string]schema.Attribute{
			"api_key": schema.StringAttribute{
				MarkdownDescription: "A Chatzuri team API key. A key reaches every agent of its team. " +
					"Falls back to the `" + envAPIKey + "` environment variable; one of the two is required. " +
					"Whitespace around the key, such as the newline a key read from a file ends with, is removed.",
				Optional:   true,
				Sensitive:  true,
				Validators: []validator.String{notBlank("a Chatzuri team API key, or leave `api_key` out and set " + envAPIKey)},
			},
			"base_url": schema.StringAttribute{
				MarkdownDescription: "The API's base URL. Falls back to `" + envBaseURL + "`, then to `" + client.DefaultBaseURL + "`. " +
					"Must be an absolute `https` URL; plain `http` is accepted only for a loopback host (`localhost`, `127.0.0.1`, `::1` or any other loopback address), as for the local emulator.",
				Optional:   true,
				Validators: []validator.String{baseURLValidator{}},
			},
			"max_retries": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("How many times a failed request is retried (responses 429 and 5xx except 501, "+
					"connection errors, bodies cut off in transit), with exponential backoff and full jitter; "+
					"a `Retry-After` header is honoured up to %.0f seconds. `0` disables retries. Falls back to `%s`, then to `%d`. At most %d.",
					client.DefaultRetryAfterMax.Seconds(), envMaxRetries, client.DefaultMaxRetries, maxRetriesLimit),
				Optional:   true,
				Validators: []validator.Number{wholeNumber{min: 0, max: maxRetriesLimit}},
			},
			"max_concurrent_requests": schema.NumberAttribute{
				MarkdownDescription: fmt.Sprintf("The most requests this provider has in flight at once, shared by every data source "+
					"it reads in the run (Terraform reads up to 10 at a time). A listing fetches this many pages ahead and assembles them in page order, "+
					"so the result is the same as reading one page after another; `1` does exactly that. A `429` answer halves the limit for the whole "+
					"provider and holds new requests for the `Retry-After` time; successes grow it back one request at a time. "+
					"Falls back to `%s`, then to `%d`: reading time falls almost in proportion up to that (`BENCHMARKS.md` in the repository has the measurements), "+
					"and the limit stays there because every request counts against the team's rate limit. From 1 to %d.",
					envMaxConc, client.DefaultMaxConcurrentRequests, maxConcurrencyLimit),
				Optional:   true,
				Validators: []validator.Number{wholeNumber{min: 1, max: maxConcurrencyLimit}},
			},
			"request_timeout": schema.StringAttribute{
				MarkdownDescription: fmt.Sprintf("How long one try of a request may take, body included, written as a duration such as `\"30s\"` or `\"2m\"`. "+
					"A try that runs out of time counts as a failed try and is retried like a dropped connection. "+
					"Falls back to `%s`, then to `\"%s\"`. More than 0 and at most %s.", envTimeout, client.DefaultRequestTimeout, maxRequestTimeout),
				Optional:   true,
				Validators: []validator.String{durationValidator{max: maxRequestTimeout}},
			},
		},
	}
}

func (p *chatzuriProvider) Configure(ctx context.Context, req provider.ConfigureRequest, resp *provider.ConfigureResponse) {
	var config chatzuriProviderModel
	resp.Diagnostics.Append(req.Config.Get(ctx, &config)...)
	if resp.Diagnostics.HasError() {
		return
	}

	settings, diags := resolveSettings(config, lookupEnv)
	resp.Diagnostics.Append(diags...)
	if resp.Diagnostics.HasError() {
		return
	}
	ctx = maskAPIKey(ctx, settings.apiKey)

	c, err := client.New(client.Config{
		BaseURL:               settings.baseURL,
		APIKey:                settings.apiKey,
		MaxRetries:            settings.maxRetries,
		MaxConcurrentRequests: settings.maxConcurrency,
		RequestTimeout:        settings.requestTimeout,
		UserAgent:             fmt.Sprintf("terraform-provider-chatzuri/%s (+https://registry.terraform.io/providers/chatzuri/chatzuri) Terraform/%s", p.version, req.TerraformVersion),
		Logger:                tflogLogger{},
	})
	if err != nil {
		resp.Diagnostics.AddError("Unable to create the Chatzuri client", err.Error())
		return
	}
	logDebug(ctx, "chatzuri: provider configured", map[string]any{
		"base_url": settings.baseURL, "max_retries": settings.maxRetries, "max_concurrent_requests": settings.maxConcurrency,
		"request_timeout": settings.requestTimeout.String(),
	})
	data := &providerData{client: c, apiKey: settings.apiKey, baseURL: settings.baseURL, baseURLFrom: settings.baseURLFrom, maxListBytes: defaultMaxListBytes}
	if p.maxListBytes > 0 {
		data.maxListBytes = p.maxListBytes
	}
	resp.DataSourceData = data
	resp.EphemeralResourceData = data
}

func (p *chatzuriProvider) Resources(context.Context) []func() resource.Resource {
	return nil
}

func (p *chatzuriProvider) DataSources(context.Context) []func() datasource.DataSource {
	return append([]func() datasource.DataSource{
		NewLeadsDataSource,
		NewConversationsDataSource,
		NewAgentsDataSource,
		NewLeadCountsDataSource,
		NewConversationCountsDataSource,
	}, p.testDataSources...)
}

func (p *chatzuriProvider) EphemeralResources(context.Context) []func() ephemeral.EphemeralResource {
	return append([]func() ephemeral.EphemeralResource{
		newListEphemeralResource(leads),
		newListEphemeralResource(conversations),
	}, p.testEphemeralResources...)
}

// Functions are the provider's functions: pure, they need no configuration.
func (p *chatzuriProvider) Functions(context.Context) []func() function.Function {
	return []func() function.Function{
		newUTCDayFunction,
	}
}

// maskAPIKey hides the key from every log line written with the returned
// context, as a second line of defence: no log call passes it on purpose.
func maskAPIKey(ctx context.Context, key string) context.Context {
	if key == "" {
		return ctx
	}
	ctx = tflog.MaskAllFieldValuesStrings(ctx, key)
	ctx = tflog.MaskMessageStrings(ctx, key)
	return tflog.MaskFieldValuesWithFieldKeys(ctx, "Authorization", "authorization")
}

// providerDataFrom is the configured provider's data for a data source's
// Configure; nil before the provider is configured.
func providerDataFrom(raw any, diags *diag.Diagnostics) *providerData {
	if raw == nil {
		return nil
	}
	data, ok := raw.(*providerData)
	if !ok {
		diags.AddError("Unexpected provider data",
			fmt.Sprintf("Expected *providerData, got %T. This is a bug in the provider; please report it.", raw))
		return nil
	}
	return data
}
