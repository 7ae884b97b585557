package client

import (
	"errors"
	"net"
	"net/http"
	"os"
	"strings"
	"sync/atomic"
	"syscall"
	"testing"
)

// countingTransport counts the tries that reach it, and hands them to next.
type countingTransport struct {
	tries atomic.Int64
	next  http.RoundTripper
}

func (t *countingTransport) RoundTrip(r *http.Request) (*http.Response, error) {
	t.tries.Add(1)
	return t.next.RoundTrip(r)
}

// closedLoopbackAddress is an address on 127.0.0.1 where nothing listens:
// a port that was free a moment ago.
func closedLoopbackAddress(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	return addr
}

// Nothing listening on a loopback base_url (the emulator is not running)
// is not a server restarting: the read fails on the first try, and the
// error says nothing is listening there.
func TestConnectionRefusedOnALoopbackBaseURLFailsOnTheFirstTry(t *testing.T) {
	addr := closedLoopbackAddress(t)
	counter := &countingTransport{next: http.DefaultTransport.(*http.Transport).Clone()}
	c := newTestClient(t, "http://"+addr+"/api/v1", func(cfg *Config) {
		cfg.MaxRetries = 4
		cfg.Transport = counter
	})
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if got := counter.tries.Load(); got != 1 {
		t.Errorf("%d tries, want 1", got)
	}
	var notListening *NotListeningError
	if !errors.As(err, &notListening) || notListening.Origin != "http://"+addr {
		t.Fatalf("err = %v, want a NotListeningError for http://%s", err, addr)
	}
	var transportErr *TransportError
	if !errors.As(err, &transportErr) || transportErr.Attempts != 1 {
		t.Errorf("err = %v, want a TransportError after 1 try", err)
	}
	if !errors.Is(err, syscall.ECONNREFUSED) || !strings.Contains(err.Error(), "nothing is listening at http://"+addr) {
		t.Errorf("err = %q, want it to say nothing is listening, and to wrap ECONNREFUSED", err)
	}
}

// refusingTransport refuses every connection, as a server that is
// restarting does, without any traffic.
type refusingTransport struct{ tries atomic.Int64 }

func (t *refusingTransport) RoundTrip(*http.Request) (*http.Response, error) {
	t.tries.Add(1)
	return nil, &net.OpError{Op: "dial", Net: "tcp", Err: os.NewSyscallError("connect", syscall.ECONNREFUSED)}
}

// On any other host a refusal may be a server restarting: it is retried.
func TestConnectionRefusedByAnotherHostIsRetried(t *testing.T) {
	refusing := &refusingTransport{}
	c := newTestClient(t, "https://api.chatzuri.invalid/api/v1", func(cfg *Config) { cfg.Transport = refusing })
	_, err := c.ListLeads(testContext(t), LeadsQuery{AgentID: "agt_1"})
	if got, want := refusing.tries.Load(), int64(1+fastConfig("").MaxRetries); got != want {
		t.Errorf("%d tries, want %d", got, want)
	}
	var notListening *NotListeningError
	if errors.As(err, &notListening) || !errors.Is(err, syscall.ECONNREFUSED) {
		t.Errorf("err = %v, want a refused connection that is not a NotListeningError", err)
	}
}
