package client

import (
	"errors"
	"fmt"
	"strings"
	"syscall"
)

// NotListeningError is a connection refused by a loopback base_url:
// nothing on this machine listens there, most often because the local
// emulator is not running. It fails on the first try: a server restarting
// elsewhere may be back a second later, but retrying an idle port on this
// machine cost some 20 s of waits before the same answer. A refusal by any
// other host is retried as before.
type NotListeningError struct {
	// Origin is base_url's scheme, host and port; Address its host and
	// port alone, as a listener is given them ("127.0.0.1:8080").
	Origin, Address string
	Err             error
}

func (e *NotListeningError) Error() string {
	return fmt.Sprintf("nothing is listening at %s: the connection was refused", e.Origin)
}

func (e *NotListeningError) Unwrap() error { return e.Err }

// notListening is err as a *NotListeningError when it is a refused
// connection to c's loopback base_url; nil otherwise. Redirects stay within
// base_url's origin and proxies never apply to loopback hosts, so every
// request of such a client goes to base_url's host and port.
func (c *Client) notListening(err error) *NotListeningError {
	if err == nil || !IsLoopbackHost(c.baseURL.Hostname()) || !errors.Is(err, syscall.ECONNREFUSED) {
		return nil
	}
	o := origin(c.baseURL)
	return &NotListeningError{Origin: o, Address: strings.TrimPrefix(o, strings.ToLower(c.baseURL.Scheme)+"://"), Err: err}
}
