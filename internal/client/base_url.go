package client

import (
	"fmt"
	"net"
	"net/url"
	"strings"
)

// ParseBaseURL accepts an absolute http(s) URL. Plain http is allowed only for
// loopback hosts, so an API key never crosses a network in clear text.
func ParseBaseURL(raw string) (*url.URL, error) {
	if strings.Contains(raw, "@") {
		return nil, fmt.Errorf("the URL must not carry credentials; set the API key with api_key or CHATZURI_API_KEY")
	}
	u, err := url.Parse(raw)
	if err != nil || !u.IsAbs() || u.Host == "" {
		return nil, fmt.Errorf("%q is not an absolute URL; use the form https://www.chatzuri.com/api/v1", raw)
	}
	switch u.Scheme {
	case "https":
	case "http":
		if !IsLoopbackHost(u.Hostname()) {
			return nil, fmt.Errorf("%q uses plain http to a host that is not loopback, which would send the API key in clear text; use https", raw)
		}
	default:
		return nil, fmt.Errorf("%q has scheme %q; use https", raw, u.Scheme)
	}
	if u.RawQuery != "" || u.Fragment != "" {
		return nil, fmt.Errorf("%q must not have a query or fragment", raw)
	}
	u.Path = strings.TrimSuffix(u.Path, "/")
	u.RawPath = ""
	return u, nil
}

// IsLoopbackHost reports whether host names this machine: localhost or a
// loopback IP address.
func IsLoopbackHost(host string) bool {
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}
