package provider

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
)

// describeReadError turns a failed listing into a diagnostic that says what
// happened and what to do. It quotes the API's own message at most, never a
// lead, and the client has already removed the key from that message.
func describeReadError(err error, what, agentID string) (summary, detail string) {
	var (
		apiErr  *client.APIError
		netErr  *client.TransportError
		bodyErr *client.ResponseError
	)
	switch {
	case errors.Is(err, context.Canceled):
		return "Reading " + what + " was cancelled", fmt.Sprintf("Terraform cancelled the read of agent %q's %s before it finished: %v", agentID, what, err)
	case errors.Is(err, context.DeadlineExceeded) && !errors.As(err, &netErr):
		return "Reading " + what + " ran out of time", fmt.Sprintf("The read of agent %q's %s did not finish in time: %v", agentID, what, err)
	case errors.As(err, &apiErr):
		switch s := apiErr.StatusCode; {
		case s == http.StatusUnauthorized || s == http.StatusForbidden:
			return "Chatzuri rejected the API key",
				fmt.Sprintf("%v.\n\nCheck the api_key attribute of the provider, or the %s environment variable if api_key is not set. "+
					"A key belongs to one team and reaches only that team's agents; a revoked key is refused at once.", err, envAPIKey)
		case s == http.StatusNotFound:
			return "Chatzuri agent not found",
				fmt.Sprintf("Chatzuri has no agent %q that this API key can reach: %v.\n\n"+
					"Check agent_id, and that the key belongs to the agent's team. If base_url is set, check that it points at the Chatzuri API (it should end in /api/v1).", agentID, err)
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
			fmt.Sprintf("%v.\n\nChatzuri did not answer in time. Check the network path to base_url and try again.", err)
	case errors.As(err, &netErr):
		return "Could not reach Chatzuri",
			fmt.Sprintf("%v.\n\nCheck base_url and the network path to it (proxy, firewall, DNS), then try again.", err)
	case errors.As(err, &bodyErr):
		return "Unexpected response from Chatzuri",
			fmt.Sprintf("%v.\n\nThe API answered with success but the body is not a list of %s this provider understands. If base_url is set, check that it points at the Chatzuri API.", err, what)
	default:
		return "Could not read " + what, err.Error()
	}
}
