// Command chatzuri-emulator serves the Chatzuri API emulator on a loopback
// address, with the demo catalogue of agents, for `make demo` and for trying
// the provider without a Chatzuri account.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on (port 0 picks a free one)")
	apiKey := flag.String("api-key", "demo-key", "the API key the emulator accepts")
	latency := flag.Duration("latency", 0, "delay added to every response")
	urlFile := flag.String("url-file", "", "write the base URL to this file once listening")
	flag.Parse()

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !client.IsLoopbackHost(host) {
		log.Fatalf("chatzuri-emulator: -addr %q must be a loopback address such as 127.0.0.1:0", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("chatzuri-emulator: %v", err)
	}
	baseURL := fmt.Sprintf("http://%s/api/v1", ln.Addr())

	srv := &http.Server{
		Handler:           emulator.New(emulator.Options{APIKey: *apiKey, Agents: emulator.DemoAgents(), Latency: *latency}),
		ReadHeaderTimeout: 10 * time.Second,
	}
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(baseURL+"\n"), 0o600); err != nil {
			log.Fatalf("chatzuri-emulator: %v", err)
		}
	}
	fmt.Fprintf(os.Stderr, "chatzuri-emulator: serving %s (agents agt_demo, agt_sales, agt_empty)\n", baseURL)

	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	go func() {
		<-ctx.Done()
		shutdown, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = srv.Shutdown(shutdown)
	}()
	if err := srv.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
		log.Fatalf("chatzuri-emulator: %v", err)
	}
}
