package provider

import (
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// settings is the provider configuration after precedence is applied:
// attribute, then environment variable, then default.
type settings struct {
	apiKey     string
	baseURL    string
	maxRetries int
}

func lookupEnv(name string) (string, bool) { return os.LookupEnv(name) }

// resolveSettings applies precedence with IsNull, so an attribute set to a
// zero value ("" or 0) is never mistaken for an unset one, and validates
// values from the environment exactly as attribute values are validated.
func resolveSettings(config chatzuriProviderModel, env func(string) (string, bool)) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	var s settings

	for name, unknown := range map[string]bool{
		"api_key":     config.APIKey.IsUnknown(),
		"base_url":    config.BaseURL.IsUnknown(),
		"max_retries": config.MaxRetries.IsUnknown(),
	} {
		if unknown {
			diags.AddAttributeError(path.Root(name), "Provider attribute "+name+" is not known yet",
				"The chatzuri provider needs "+name+" to read data sources during the plan, but its value depends on something "+
					"that is only known after apply. Set it from a value known at plan time (a literal, a variable, or the environment variable), "+
					"or apply the resource it depends on first with -target.")
		}
	}
	if diags.HasError() {
		return s, diags
	}

	switch v, ok := env(envAPIKey); {
	case !config.APIKey.IsNull():
		s.apiKey = config.APIKey.ValueString()
	case ok && strings.TrimSpace(v) != "":
		s.apiKey = v
	case ok:
		diags.AddAttributeError(path.Root("api_key"), "Empty API key in "+envAPIKey,
			"The "+envAPIKey+" environment variable is set but empty. Set it to your Chatzuri team API key, or set api_key in the provider block.")
	default:
		diags.AddAttributeError(path.Root("api_key"), "Missing Chatzuri API key",
			"The provider needs a Chatzuri team API key. Set api_key in the provider block or the "+envAPIKey+" environment variable. "+
				"Keys are created in the Chatzuri dashboard under API keys, and shown only once.")
	}

	s.baseURL = client.DefaultBaseURL
	if !config.BaseURL.IsNull() {
		s.baseURL = config.BaseURL.ValueString()
	} else if v, ok := env(envBaseURL); ok {
		if _, err := client.ParseBaseURL(v); err != nil {
			diags.AddAttributeError(path.Root("base_url"), "Invalid "+envBaseURL,
				fmt.Sprintf("The %s environment variable is not a usable base URL: %v. Fix the variable, or set base_url in the provider block.", envBaseURL, err))
		}
		s.baseURL = v
	}

	s.maxRetries = client.DefaultMaxRetries
	if !config.MaxRetries.IsNull() {
		s.maxRetries = int(config.MaxRetries.ValueInt64())
	} else if v, ok := env(envMaxRetries); ok {
		n, err := strconv.Atoi(strings.TrimSpace(v))
		if err != nil || n < 0 || n > maxRetriesLimit {
			diags.AddAttributeError(path.Root("max_retries"), "Invalid "+envMaxRetries,
				fmt.Sprintf("The %s environment variable is %q; it must be a whole number from 0 to %d. Fix the variable, or set max_retries in the provider block.", envMaxRetries, v, maxRetriesLimit))
		}
		s.maxRetries = n
	}
	return s, diags
}
