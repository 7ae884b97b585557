package provider

import (
	"fmt"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/path"
	"github.com/hashicorp/terraform-plugin-framework/types"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// settings is the provider configuration after precedence is applied:
// attribute, then environment variable, then default.
type settings struct {
	apiKey  string
	baseURL string
	// baseURLFrom is where baseURL came from: "base_url", envBaseURL, or
	// "" for the default.
	baseURLFrom    string
	maxRetries     int
	maxConcurrency int
	requestTimeout time.Duration
}

func lookupEnv(name string) (string, bool) { return os.LookupEnv(name) }

// resolveSettings applies precedence with IsNull, so an attribute set to a
// zero value ("" or 0) is never mistaken for an unset one, and validates
// values from the environment exactly as attribute values are validated.
func resolveSettings(config chatzuriProviderModel, env func(string) (string, bool)) (settings, diag.Diagnostics) {
	var diags diag.Diagnostics
	var s settings

	for name, unknown := range map[string]bool{
		"api_key":                 config.APIKey.IsUnknown(),
		"base_url":                config.BaseURL.IsUnknown(),
		"max_retries":             config.MaxRetries.IsUnknown(),
		"max_concurrent_requests": config.MaxConc.IsUnknown(),
		"request_timeout":         config.Timeout.IsUnknown(),
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
		s.apiKey = strings.TrimSpace(config.APIKey.ValueString())
	case ok && strings.TrimSpace(v) != "":
		// A key read from a file or a command ends in a newline more often
		// than not; no key has whitespace around it.
		s.apiKey = strings.TrimSpace(v)
	case ok:
		diags.AddAttributeError(path.Root("api_key"), "Empty API key in "+envAPIKey,
			"The "+envAPIKey+" environment variable is set but empty. Set it to your Chatzuri team API key, or set api_key in the provider block.")
	default:
		diags.AddAttributeError(path.Root("api_key"), "Missing Chatzuri API key",
			"The provider needs a Chatzuri team API key. Set api_key in the provider block or the "+envAPIKey+" environment variable. "+
				"Keys are made in the Chatzuri dashboard under Team settings → API Keys, and shown only once (https://chatzuri.com/guides/developers/api-keys).")
	}

	s.baseURL = client.DefaultBaseURL
	if !config.BaseURL.IsNull() {
		s.baseURL, s.baseURLFrom = config.BaseURL.ValueString(), "base_url"
	} else if v, ok := env(envBaseURL); ok {
		u, err := client.ParseBaseURL(v)
		if err != nil {
			diags.AddAttributeError(path.Root("base_url"), "Invalid "+envBaseURL,
				fmt.Sprintf("The %s environment variable is not a usable base URL: %v. Fix the variable, or set base_url in the provider block.", envBaseURL, err))
		} else if detail, ok := baseURLPathWarning(envBaseURL, u); ok {
			diags.AddAttributeWarning(path.Root("base_url"), envBaseURL+" does not end in "+apiPath, detail)
		}
		s.baseURL, s.baseURLFrom = v, envBaseURL
	}

	s.maxRetries = resolveInt(config.MaxRetries, "max_retries", env, envMaxRetries, client.DefaultMaxRetries, 0, maxRetriesLimit, &diags)
	s.maxConcurrency = resolveInt(config.MaxConc, "max_concurrent_requests", env, envMaxConc, client.DefaultMaxConcurrentRequests, 1, maxConcurrencyLimit, &diags)

	s.requestTimeout = client.DefaultRequestTimeout
	if !config.Timeout.IsNull() {
		s.requestTimeout, _ = parseTimeout(config.Timeout.ValueString()) // validated by the schema
	} else if v, ok := env(envTimeout); ok {
		d, err := parseTimeout(v)
		if err != nil {
			diags.AddAttributeError(path.Root("request_timeout"), "Invalid "+envTimeout,
				fmt.Sprintf("The %s environment variable %v. Fix the variable, or set request_timeout in the provider block.", envTimeout, err))
		}
		s.requestTimeout = d
	}
	return s, diags
}

// resolveInt applies precedence to a whole-number attribute whose
// environment variable must hold a number from lo to hi.
func resolveInt(attr types.Number, name string, env func(string) (string, bool), envName string, def, lo, hi int, diags *diag.Diagnostics) int {
	if !attr.IsNull() {
		return wholeValue(attr) // validated by the schema
	}
	v, ok := env(envName)
	if !ok {
		return def
	}
	n, err := strconv.Atoi(strings.TrimSpace(v))
	if err != nil || n < lo || n > hi {
		diags.AddAttributeError(path.Root(name), "Invalid "+envName,
			fmt.Sprintf("The %s environment variable is %q; it must be a whole number from %d to %d. Fix the variable, or set %s in the provider block.", envName, v, lo, hi, name))
	}
	return n
}
