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

// listSubject names what a read reads in messages: agent "agt_1"'s leads,
// or, for a list of the whole team (agentID ""), the team's agents.
func listSubject(what, agentID string) string {
	if agentID == "" {
		return "the team's " + what
	}
	return fmt.Sprintf("agent %q's %s", agentID, what)
}

// cutListWarning says that the argument limitName cut the list of agentID's
// <what> (the team's, when agentID is "").
func cutListWarning(what, agentID, limitName string, limit int) (summary, detail string) {
	owner := fmt.Sprintf("Agent %q", agentID)
	if agentID == "" {
		owner = "The team"
	}
	return strings.ToUpper(what[:1]) + what[1:] + " list cut to " + limitName,
		fmt.Sprintf("%s has more than %d %s; only the first %d, in the API's order, are in %s. Raise %s, or remove it to read every %s.",
			owner, limit, what, limit, what, limitName, strings.TrimSuffix(what, "s"))
}

// isBadRequest reports whether err is Chatzuri's 400 answer.
func isBadRequest(err error) bool {
	var apiErr *client.APIError
	return errors.As(err, &apiErr) && apiErr.StatusCode == http.StatusBadRequest
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
func describeFailedRead(readCtx context.Context, err error, what, agentID string, limit time.Duration) (summary, detail string) {
	if errors.Is(readCtx.Err(), context.DeadlineExceeded) {
		narrow := fmt.Sprintf(", narrow the read with start_date and end_date, or set max_%s", what)
		if agentID == "" {
			narrow = "" // a list of the team's has no arguments to narrow it
		}
		return "Reading " + what + " ran out of time",
			fmt.Sprintf("Reading %s did not finish within the read timeout of %s, so none are returned (the last request: %v).\n\n"+
				"Raise timeouts.read on the data source (it defaults to %s)%s.",
				listSubject(what, agentID), limit, err, defaultReadTimeout, narrow)
	}
	return describeReadError(err, what, agentID)
}

// describeReadError turns a failed listing into a diagnostic that says what
// happened and what to do. It quotes the API's own message at most, never a
// lead, and the client has already removed the key from that message.
// agentID is "" for a list of the whole team, which names no agent: a 404
// there can only mean that base_url is not the API.
func describeReadError(err error, what, agentID string) (summary, detail string) {
	var (
		apiErr    *client.APIError
		netErr    *client.TransportError
		bodyErr   *client.ResponseError
		explained client.ExplainedError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return "Reading " + what + " was cancelled", fmt.Sprintf("Terraform cancelled the read of %s before it finished: %v", listSubject(what, agentID), err)
	case errors.Is(err, context.DeadlineExceeded) && !errors.As(err, &netErr):
		return "Reading " + what + " ran out of time", fmt.Sprintf("The read of %s did not finish in time: %v", listSubject(what, agentID), err)
	case errors.As(err, &explained):
		// A refused redirect or a proxy's refusal: the client knows the fix.
		return explained.Summary(), fmt.Sprintf("%v.\n\n%s", err, explained.Fix())
	case errors.As(err, &apiErr):
		switch s := apiErr.StatusCode; {
		case s == http.StatusUnauthorized || s == http.StatusForbidden:
			return "Chatzuri rejected the API key",
				fmt.Sprintf("%v.\n\nCheck the api_key attribute of the provider, or the %s environment variable if api_key is not set. "+
					"A key belongs to one team and reaches only that team's agents; a revoked key is refused at once.", err, envAPIKey)
		case s == http.StatusNotFound && agentID == "":
			return "Chatzuri API not found at base_url",
				fmt.Sprintf("%v.\n\n"+
					"Reading %s names no agent, so the 404 means base_url does not point at the Chatzuri API: check base_url, or the %s environment variable if base_url is not set (it should end in /api/v1, as %s does).", err, listSubject(what, agentID), envBaseURL, client.DefaultBaseURL)
		case s == http.StatusNotFound:
			return "Chatzuri agent not found",
				fmt.Sprintf("Chatzuri has no agent %q that this API key can reach: %v.\n\n"+
					"Check agent_id, and that the key belongs to the agent's team. If base_url is set, check that it points at the Chatzuri API (it should end in /api/v1).", agentID, err)
		case s == http.StatusBadRequest && agentID == "":
			return "Chatzuri refused the request",
				fmt.Sprintf("%v.\n\nReading %s sends no arguments but page and size. If base_url is set, check that it points at the Chatzuri API.", err, listSubject(what, agentID))
		case s == http.StatusBadRequest:
			return "Chatzuri refused the request",
				fmt.Sprintf("%v.\n\nChatzuri answers 400 for start and end dates it cannot read: check start_date and end_date (YYYY-MM-DD).", err)
		case s == http.StatusTooManyRequests:
			return "Rate limited by Chatzuri",
				fmt.Sprintf("%v.\n\nThe team's rate limit was still exceeded after every retry (each wait capped at 60 s). "+
					"Wait a while and run again, lower max_concurrent_requests if other clients share the team's limit, or raise max_retries.", err)
		case s >= 500:
			return "Chatzuri server error",
				fmt.Sprintf("%v.\n\nThis is usually temporary: run again later. max_retries sets how many times a failed request is tried again.", err)
		default:
			return "Unexpected answer from Chatzuri", err.Error()
		}
	case errors.As(err, &netErr) && netErr.Timeout():
		return "Request to Chatzuri timed out",
			fmt.Sprintf("%v.\n\nChatzuri did not answer within request_timeout (%s) on any try. Check the network path to base_url; "+
				"if Chatzuri is merely slow, raise the provider's request_timeout.", err, netErr.TryTimeout)
	case errors.As(err, &netErr) && netErr.CutOff:
		return "Chatzuri's response was cut off",
			fmt.Sprintf("%v.\n\nChatzuri began to answer, but the connection broke before the whole page arrived, on every try. "+
				"This usually comes from the network path to base_url (a proxy or load balancer) or a server restart: run again later. "+
				"max_retries sets how many times a failed request is tried again.", err)
	case errors.As(err, &netErr):
		return "Could not reach Chatzuri",
			fmt.Sprintf("%v.\n\nCheck base_url and the network path to it (proxy, firewall, DNS), then try again.", err)
	case errors.As(err, &bodyErr) && bodyErr.CutShort:
		return "Unexpected response from Chatzuri",
			fmt.Sprintf("%v.\n\nThe body was not valid JSON on any try. That is most often a response cut short on the way, by a proxy or load balancer "+
				"on the network path to base_url: run again later. If base_url is set, check that it points at the Chatzuri API.", err)
	case errors.As(err, &bodyErr) && bodyErr.InvalidJSON:
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
