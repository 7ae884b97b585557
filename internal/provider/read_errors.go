package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/hashicorp/terraform-plugin-framework-timeouts/datasource/timeouts"
	"github.com/hashicorp/terraform-plugin-framework/datasource/schema"
	"github.com/hashicorp/terraform-plugin-framework/diag"
	"github.com/hashicorp/terraform-plugin-framework/schema/validator"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// defaultReadTimeout bounds a whole read when timeouts.read is not set: far
// above what the largest agent takes even one page at a time (BENCHMARKS.md).
const defaultReadTimeout = 20 * time.Minute

// readTimeoutAttribute is the data sources' timeouts attribute.
func readTimeoutAttribute(ctx context.Context) schema.Attribute {
	a := timeouts.AttributesWithOpts(ctx, timeouts.Opts{
		ReadDescription: fmt.Sprintf("How long the whole read, every page and retry included, may take, as a duration such as `\"10m\"`. "+
			"Past it the read fails with an error; it never returns part of the list. Defaults to `\"%s\"`.", defaultReadTimeout),
	})
	nested, ok := a.(schema.SingleNestedAttribute)
	if !ok {
		return a
	}
	nested.MarkdownDescription = "Time limits, in the nested-attribute form `timeouts = { read = \"10m\" }`."
	// Ours replaces the library's validator, which accepts "0s" and "-1m"
	// (they would end every read at once) and, beside ours, would report a
	// malformed duration a second time.
	if read, ok := nested.Attributes["read"].(schema.StringAttribute); ok {
		read.Validators = []validator.String{durationValidator{}}
		nested.Attributes["read"] = read
	}
	return nested
}

// listSubject is a read as its messages name it. Everything in it comes
// from the list's declaration and the request, so the engine names no
// argument of any particular list.
type listSubject struct {
	// plural and item are the list and one of its elements: "leads", "lead".
	plural, item string
	// ofAgent is set for a list that belongs to one agent, agentID.
	ofAgent bool
	agentID string
	// limitArgument is the argument that cuts the list ("max_leads"); ""
	// when the list has none.
	limitArgument string
	// narrowHint says how to read less of the list, for a read that ran out
	// of time; "" when nothing narrows it.
	narrowHint string
	// badRequestHint says which arguments Chatzuri's 400 answer is about.
	badRequestHint string
	// fieldSelection is set for a list with the fields argument.
	fieldSelection bool
	// customBaseURL is set when base_url is not client.DefaultBaseURL: a 404
	// may then come from a base_url that is not the API.
	customBaseURL bool
	// baseURLFrom is where base_url came from: "base_url", envBaseURL, or
	// "" for the default.
	baseURLFrom string
}

// String names what the read reads: agent "agt_1"'s leads, or the team's
// agents.
func (s listSubject) String() string {
	if !s.ofAgent {
		return "the team's " + s.plural
	}
	return fmt.Sprintf("agent %q's %s", s.agentID, s.plural)
}

// cutListWarning says that the list's limit argument cut it at limit.
func cutListWarning(s listSubject, limit int) (summary, detail string) {
	owner := "The team"
	if s.ofAgent {
		owner = fmt.Sprintf("Agent %q", s.agentID)
	}
	return strings.ToUpper(s.plural[:1]) + s.plural[1:] + " list cut to " + s.limitArgument,
		fmt.Sprintf("%s has more than %d %s; only the first %d, in the API's order, are in %s. Raise %s, or remove it to read every %s.",
			owner, limit, s.plural, limit, s.plural, s.limitArgument, s.item)
}

// withReadTimeout bounds a whole read by the data source's timeouts.read.
func withReadTimeout(ctx context.Context, t timeouts.Value, diags *diag.Diagnostics) (context.Context, context.CancelFunc, time.Duration) {
	limit, d := t.Read(ctx, defaultReadTimeout)
	diags.Append(d...)
	readCtx, cancel := context.WithTimeout(ctx, limit)
	return readCtx, cancel, limit
}

// describeFailedRead is describeReadError, except when the whole read ran
// out of its timeouts.read: then that is what the diagnostic says, rather
// than blaming the request that happened to be cut off.
func describeFailedRead(readCtx context.Context, err error, s listSubject, limit time.Duration) (summary, detail string) {
	if errors.Is(readCtx.Err(), context.DeadlineExceeded) {
		var less []string
		if s.narrowHint != "" {
			less = append(less, s.narrowHint)
		}
		if s.limitArgument != "" {
			less = append(less, "set "+s.limitArgument)
		}
		narrow := ""
		if len(less) > 0 {
			narrow = ", " + strings.Join(less, ", or ")
		}
		return "Reading " + s.plural + " ran out of time",
			fmt.Sprintf("Reading %s did not finish within the read timeout of %s, so none are returned (the last request: %v).\n\n"+
				"Raise timeouts.read on the data source (it defaults to %s)%s.",
				s, limit, err, defaultReadTimeout, narrow)
	}
	return describeReadError(err, s)
}

// describeReadError turns a failed listing into a diagnostic that says what
// happened and what to do. It quotes the API's own message at most, never a
// lead, and the client has already removed the key from that message.
func describeReadError(err error, s listSubject) (summary, detail string) {
	what := s.plural
	var (
		apiErr       *client.APIError
		netErr       *client.TransportError
		bodyErr      *client.ResponseError
		explained    client.ExplainedError
		tooLarge     *listTooLargeError
		notListening *client.NotListeningError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return "Reading " + what + " was cancelled", fmt.Sprintf("Terraform cancelled the read of %s before it finished: %v", s, err)
	case errors.Is(err, context.DeadlineExceeded) && !errors.As(err, &netErr):
		return "Reading " + what + " ran out of time", fmt.Sprintf("The read of %s did not finish in time: %v", s, err)
	case errors.As(err, &tooLarge):
		return tooLargeError(s, tooLarge)
	case errors.As(err, &explained):
		// A refused redirect or a proxy's refusal: the client knows the fix.
		return explained.Summary(), fmt.Sprintf("%v.\n\n%s", err, explained.Fix())
	case errors.As(err, &apiErr):
		switch status := apiErr.StatusCode; {
		case status == http.StatusUnauthorized || status == http.StatusForbidden:
			return "Chatzuri rejected the API key",
				fmt.Sprintf("%v.\n\nCheck the api_key attribute of the provider, or the %s environment variable if api_key is not set. "+
					"A key belongs to one team and reaches only that team's agents; a revoked key is refused at once.", err, envAPIKey)
		case status == http.StatusNotFound:
			return notFound(err, s)
		case status == http.StatusBadRequest:
			return "Chatzuri refused the request",
				fmt.Sprintf("%v.\n\n%s If base_url is set, check that it points at the Chatzuri API.", err, s.badRequestHint)
		case status == http.StatusTooManyRequests:
			return "Rate limited by Chatzuri",
				fmt.Sprintf("%v.\n\nThe team's rate limit was still exceeded after every retry (each wait capped at 60 s). "+
					"Wait a while and run again, lower max_concurrent_requests if other clients share the team's limit, or raise max_retries.", err)
		case status >= 500:
			return "Chatzuri server error",
				fmt.Sprintf("%v.\n\nThis is usually temporary: run again later. max_retries sets how many times a failed request is tried again.", err)
		default:
			return "Unexpected answer from Chatzuri", err.Error()
		}
	case errors.As(err, &notListening):
		return "Nothing is listening at base_url", notListeningDetail(err, notListening, s.baseURLFrom)
	case errors.As(err, &netErr) && netErr.Timeout():
		return "Request to Chatzuri timed out",
			fmt.Sprintf("%v.\n\nChatzuri did not answer within request_timeout (%s) on any try. Check the network path to base_url; "+
				"if Chatzuri is merely slow, raise the provider's request_timeout.", err, netErr.TryTimeout)
	case errors.As(err, &netErr) && netErr.Fault == client.FaultRead:
		return "Chatzuri's response was cut off",
			fmt.Sprintf("%v.\n\nChatzuri began to answer, but the connection broke before the whole page arrived, on every try. "+
				"This usually comes from the network path to base_url (a proxy or load balancer) or a server restart: run again later. "+
				"max_retries sets how many times a failed request is tried again.", err)
	case errors.As(err, &netErr):
		return "Could not reach Chatzuri",
			fmt.Sprintf("%v.\n\nCheck base_url and the network path to it (proxy, firewall, DNS), then try again.", err)
	case errors.As(err, &bodyErr) && bodyErr.Fault == client.FaultCutShort:
		return "Unexpected response from Chatzuri",
			fmt.Sprintf("%v.\n\nThe body was not valid JSON on any try. That is most often a response cut short on the way, by a proxy or load balancer "+
				"on the network path to base_url: run again later. If base_url is set, check that it points at the Chatzuri API.", err)
	case errors.As(err, &bodyErr) && bodyErr.Fault == client.FaultInvalidJSON:
		return "Unexpected response from Chatzuri",
			fmt.Sprintf("%v.\n\nThe API answered with success, but with a whole body that is not valid JSON, so it was not tried again. "+
				"If base_url is set, check that it points at the Chatzuri API.", err)
	case errors.As(err, &bodyErr):
		return "Unexpected response from Chatzuri",
			fmt.Sprintf("%v.\n\nThe API answered with success but the body is not a list of %s this provider understands. If base_url is set, check that it points at the Chatzuri API.", err, what)
	default:
		return "Could not read " + what, err.Error()
	}
}

// notFound describes a 404. A list of the team's names no agent, so there
// it can only mean that base_url is not the API. For an agent's list it
// means no such agent, unless base_url is not the default: then it may as
// well be a base_url without /api/v1, and the headline names both.
func notFound(err error, s listSubject) (summary, detail string) {
	checkBaseURL := fmt.Sprintf("check base_url, or the %s environment variable if base_url is not set: it should end in /api/v1, as %s does", envBaseURL, client.DefaultBaseURL)
	switch {
	case !s.ofAgent:
		return "Chatzuri API not found at base_url",
			fmt.Sprintf("%v.\n\nReading %s names no agent, so the 404 means base_url does not point at the Chatzuri API: %s.", err, s, checkBaseURL)
	case s.customBaseURL:
		return "Chatzuri agent not found, or base_url is not the Chatzuri API",
			fmt.Sprintf("Either Chatzuri has no agent %q that this API key can reach, or base_url does not point at the Chatzuri API: %v.\n\n"+
				"Check agent_id, and that the key belongs to the agent's team; or %s.", s.agentID, err, checkBaseURL)
	default:
		return "Chatzuri agent not found",
			fmt.Sprintf("Chatzuri has no agent %q that this API key can reach: %v.\n\nCheck agent_id, and that the key belongs to the agent's team.", s.agentID, err)
	}
}

// notListeningDetail says what to do when nothing listens at a loopback
// base_url: most often the local emulator is not running, so it says how
// to start it at that very address, and where the address came from.
func notListeningDetail(err error, e *client.NotListeningError, from string) string {
	setting, source := "base_url", "base_url"
	switch from {
	case "base_url":
		source = "base_url, set in the provider block"
	case envBaseURL:
		setting, source = envBaseURL, "the "+envBaseURL+" environment variable (base_url is not set in the provider block)"
	}
	return fmt.Sprintf("%v.\n\nThe address comes from %s. Nothing on this machine accepts connections at %s, so the provider did not retry. "+
		"If it is the local emulator, start it from a checkout of the provider and leave it running:\n\n"+
		"    go run ./cmd/chatzuri-emulator -addr %s\n\n"+
		"(it accepts the API key demo-key, or the one given with -api-key). Otherwise start the server that should answer there, or correct %s.",
		err, source, e.Address, e.Address, setting)
}
