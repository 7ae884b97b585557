package provider

import (
	"math/big"
	"strings"
	"testing"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

func envOf(vars map[string]string) func(string) (string, bool) {
	return func(name string) (string, bool) {
		v, ok := vars[name]
		return v, ok
	}
}

func TestResolveSettings_precedence(t *testing.T) {
	t.Parallel()
	unset := chatzuriProviderModel{APIKey: types.StringNull(), BaseURL: types.StringNull(), MaxRetries: types.NumberNull()}
	full := map[string]string{envAPIKey: "env-key", envBaseURL: "https://env.example.com/api/v1", envMaxRetries: "7", envMaxConc: "3", envTimeout: "45s"}

	cases := []struct {
		name   string
		config chatzuriProviderModel
		env    map[string]string
		want   settings
	}{
		{"defaults", chatzuriProviderModel{APIKey: types.StringValue("k"), BaseURL: types.StringNull(), MaxRetries: types.NumberNull()}, nil,
			settings{apiKey: "k", baseURL: client.DefaultBaseURL, maxRetries: client.DefaultMaxRetries, maxConcurrency: client.DefaultMaxConcurrentRequests, requestTimeout: client.DefaultRequestTimeout}},
		{"environment when attributes are unset", unset, full,
			settings{apiKey: "env-key", baseURL: "https://env.example.com/api/v1", baseURLFrom: envBaseURL, maxRetries: 7, maxConcurrency: 3, requestTimeout: 45 * time.Second}},
		{"attributes over environment", chatzuriProviderModel{APIKey: types.StringValue("attr-key"), BaseURL: types.StringValue("https://attr.example.com"), MaxRetries: types.NumberValue(big.NewFloat(2)), MaxConc: types.NumberValue(big.NewFloat(1)), Timeout: types.StringValue("1m30s")}, full,
			settings{apiKey: "attr-key", baseURL: "https://attr.example.com", baseURLFrom: "base_url", maxRetries: 2, maxConcurrency: 1, requestTimeout: 90 * time.Second}},
		// A key read from a file or a command often ends in a newline, which
		// Go refuses to send in a header: it is not part of the key.
		{"whitespace around the key from the environment is trimmed", unset, map[string]string{envAPIKey: "  env-key\n"},
			settings{apiKey: "env-key", baseURL: client.DefaultBaseURL, maxRetries: client.DefaultMaxRetries, maxConcurrency: client.DefaultMaxConcurrentRequests, requestTimeout: client.DefaultRequestTimeout}},
		{"whitespace around the key attribute is trimmed", chatzuriProviderModel{APIKey: types.StringValue("attr-key\r\n"), BaseURL: types.StringNull(), MaxRetries: types.NumberNull()}, nil,
			settings{apiKey: "attr-key", baseURL: client.DefaultBaseURL, maxRetries: client.DefaultMaxRetries, maxConcurrency: client.DefaultMaxConcurrentRequests, requestTimeout: client.DefaultRequestTimeout}},
		// Zero is a value, not "unset": IsNull decides, not the zero value.
		{"max_retries = 0 beats the environment", chatzuriProviderModel{APIKey: types.StringValue("k"), BaseURL: types.StringNull(), MaxRetries: types.NumberValue(big.NewFloat(0))}, full,
			settings{apiKey: "k", baseURL: "https://env.example.com/api/v1", baseURLFrom: envBaseURL, maxRetries: 0, maxConcurrency: 3, requestTimeout: 45 * time.Second}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, diags := resolveSettings(tc.config, envOf(tc.env))
			if diags.HasError() {
				t.Fatalf("unexpected diagnostics: %v", diags)
			}
			if got != tc.want {
				t.Errorf("got %+v, want %+v", got, tc.want)
			}
		})
	}
}

func TestResolveSettings_environmentIsValidatedLikeAttributes(t *testing.T) {
	t.Parallel()
	unset := chatzuriProviderModel{APIKey: types.StringNull(), BaseURL: types.StringNull(), MaxRetries: types.NumberNull()}
	cases := []struct {
		name string
		env  map[string]string
		want []string // in the error's summary and detail, with its attribute
	}{
		{"no key", map[string]string{}, []string{"api_key", "Missing Chatzuri API key", envAPIKey}},
		{"blank key", map[string]string{envAPIKey: "  "}, []string{"api_key", envAPIKey, "empty"}},
		{"clear-text base URL", map[string]string{envAPIKey: "k", envBaseURL: "http://api.example.com"}, []string{"base_url", envBaseURL, "clear text"}},
		{"relative base URL", map[string]string{envAPIKey: "k", envBaseURL: "/api/v1"}, []string{"base_url", envBaseURL, "absolute"}},
		{"retries not a number", map[string]string{envAPIKey: "k", envMaxRetries: "four"}, []string{"max_retries", envMaxRetries, `"four"`}},
		{"retries too many", map[string]string{envAPIKey: "k", envMaxRetries: "21"}, []string{"max_retries", envMaxRetries, "0 to 20"}},
		{"retries negative", map[string]string{envAPIKey: "k", envMaxRetries: "-1"}, []string{"max_retries", envMaxRetries}},
		{"concurrency zero", map[string]string{envAPIKey: "k", envMaxConc: "0"}, []string{"max_concurrent_requests", envMaxConc, "1 to 32"}},
		{"timeout not a duration", map[string]string{envAPIKey: "k", envTimeout: "30"}, []string{"request_timeout", envTimeout, `"30"`, `"30s"`}},
		{"timeout zero", map[string]string{envAPIKey: "k", envTimeout: "0s"}, []string{"request_timeout", envTimeout, "more than 0"}},
		{"concurrency not a number", map[string]string{envAPIKey: "k", envMaxConc: "eight"}, []string{"max_concurrent_requests", envMaxConc, `"eight"`}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			_, diags := resolveSettings(unset, envOf(tc.env))
			if diags.ErrorsCount() != 1 {
				t.Fatalf("got %d errors, want 1: %v", diags.ErrorsCount(), diags)
			}
			d := diags.Errors()[0]
			text := pathOf(d) + " " + d.Summary() + " " + d.Detail()
			for _, w := range tc.want {
				if !strings.Contains(text, w) {
					t.Errorf("error %q does not mention %q", text, w)
				}
			}
		})
	}
}

func TestResolveSettings_unknownValuesAreErrorsNotPanics(t *testing.T) {
	t.Parallel()
	config := chatzuriProviderModel{APIKey: types.StringUnknown(), BaseURL: types.StringUnknown(), MaxRetries: types.NumberUnknown(), MaxConc: types.NumberUnknown(), Timeout: types.StringUnknown()}
	_, diags := resolveSettings(config, envOf(nil))
	if diags.ErrorsCount() != 5 {
		t.Fatalf("got %d errors, want one per unknown attribute: %v", diags.ErrorsCount(), diags)
	}
	for _, d := range diags.Errors() {
		if !strings.Contains(d.Summary(), "is not known yet") {
			t.Errorf("summary %q does not say the value is not known yet", d.Summary())
		}
	}
}

// A CHATZURI_BASE_URL without /api/v1 is warned of as base_url is
// (TestAccCLI_validateWarnsOfBaseURLWithoutAPIPath), when the provider is
// configured: Terraform's validate does not see the environment.
func TestResolveSettings_environmentBaseURLWithoutAPIPathWarns(t *testing.T) {
	t.Parallel()
	unset := chatzuriProviderModel{APIKey: types.StringNull(), BaseURL: types.StringNull(), MaxRetries: types.NumberNull()}
	for base, warns := range map[string]bool{
		"http://127.0.0.1:8080":         true,
		"https://proxy.example.com/api": true,
		"http://127.0.0.1:8080/api/v1/": false,
		client.DefaultBaseURL:           false,
	} {
		t.Run(base, func(t *testing.T) {
			_, diags := resolveSettings(unset, envOf(map[string]string{envAPIKey: "k", envBaseURL: base}))
			if diags.HasError() {
				t.Fatal(diags)
			}
			if got := diags.WarningsCount(); got != map[bool]int{true: 1, false: 0}[warns] {
				t.Fatalf("got %d warnings, want a warning %v: %v", got, warns, diags)
			}
			if !warns {
				return
			}
			d := diags.Warnings()[0]
			text := pathOf(d) + " " + d.Summary() + " " + d.Detail()
			for _, want := range []string{"base_url", envBaseURL + " does not end in /api/v1", base, client.DefaultBaseURL, "proxy"} {
				if !strings.Contains(text, want) {
					t.Errorf("warning %q does not mention %q", text, want)
				}
			}
		})
	}
}
