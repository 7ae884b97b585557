package client

import (
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
)

// maxRedirects is how many redirects one request may follow.
const maxRedirects = 10

// checkRedirect is the http.Client's redirect policy. net/http keeps the
// Authorization header on a redirect to the same host name whatever the
// scheme or port, and to its subdomains: a base_url redirecting from https
// to http would put the key on the wire in clear text. So a redirect is
// followed only within the origin of the request that began it, as a
// browser scopes what it trusts, and anything else fails at once.
func checkRedirect(req *http.Request, via []*http.Request) error {
	from := origin(via[0].URL)
	refused := &RedirectError{From: from, To: origin(req.URL)}
	if req.Response != nil {
		refused.StatusCode = req.Response.StatusCode
	}
	switch {
	case refused.To != from:
		return refused
	case visited(req.URL, via):
		refused.Loop = true
		return refused
	case len(via) > maxRedirects:
		refused.TooMany = true
		return refused
	}
	return nil
}

func visited(u *url.URL, via []*http.Request) bool {
	for _, r := range via {
		if r.URL.String() == u.String() {
			return true
		}
	}
	return false
}

// origin is u's scheme, host and port, the port spelled out even when it
// is the scheme's default, so that equal origins are equal strings. It
// drops the user info, path and query: it is safe to show.
func origin(u *url.URL) string {
	scheme := strings.ToLower(u.Scheme)
	port := u.Port()
	if port == "" {
		switch scheme {
		case "https":
			port = "443"
		case "http":
			port = "80"
		}
	}
	return scheme + "://" + net.JoinHostPort(strings.ToLower(u.Hostname()), port)
}

// RedirectError is a redirect the client refused to follow: to another
// origin than base_url's, in a loop, or past maxRedirects. It is not
// retried: the server would answer the same.
type RedirectError struct {
	// From is base_url's origin, To the origin redirected to: scheme, host
	// and port, never a path or query.
	From, To string
	// StatusCode is the status of the refused redirect.
	StatusCode int
	// Loop is set when the redirect led back to a URL already requested;
	// TooMany when it would have been one more than maxRedirects.
	Loop, TooMany bool
	Attempts      int
}

func (e *RedirectError) Error() string {
	var msg string
	switch {
	case e.Loop:
		msg = fmt.Sprintf("%s redirected in a loop: a %s led back to a URL already requested", e.From, e.status())
	case e.TooMany:
		msg = fmt.Sprintf("%s answered with more than %d redirects in a row, the last a %s, and the client stopped", e.From, maxRedirects, e.status())
	default:
		msg = fmt.Sprintf("%s answered %s to %s, another origin: the client follows a redirect only within base_url's origin "+
			"(scheme, host and port), so that the API key goes nowhere else, and did not follow it", e.From, e.status(), e.To)
	}
	if e.Attempts > 1 {
		msg += fmt.Sprintf(" after %d tries", e.Attempts)
	}
	return msg
}

func (e *RedirectError) status() string {
	return fmt.Sprintf("%d %s", e.StatusCode, http.StatusText(e.StatusCode))
}

// Summary implements ExplainedError.
func (e *RedirectError) Summary() string {
	switch {
	case e.Loop:
		return "base_url redirects in a loop"
	case e.TooMany:
		return "base_url redirects too many times"
	}
	return "base_url redirects to another origin"
}

// Fix implements ExplainedError.
func (e *RedirectError) Fix() string {
	if e.Loop || e.TooMany {
		return "Set base_url to the URL the API really serves: the server at " + e.From + " redirects without reaching an answer."
	}
	return fmt.Sprintf("Set base_url to the URL the API really serves. If %s is the Chatzuri API, use it in base_url (with its path, such as /api/v1); "+
		"if it is not, something in front of the API (a gateway, a CDN, a captive portal) is redirecting, and the key must not follow.", e.To)
}
