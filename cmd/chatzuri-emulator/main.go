// Command chatzuri-emulator serves the Chatzuri API emulator on a loopback
// address, with the demo catalogue of agents, for `make demo` and for trying
// the provider without a Chatzuri account.
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"log"
	"net"
	"net/http"
	"os"
	"os/signal"
	"sort"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

func main() {
	addr := flag.String("addr", "127.0.0.1:0", "loopback address to listen on (port 0 picks a free one)")
	apiKey := flag.String("api-key", defaultAPIKey, "the API key the emulator accepts")
	latency := flag.Duration("latency", 0, "delay added to every response")
	urlFile := flag.String("url-file", "", "write the base URL to this file once listening")
	agentsFlag := flag.String("agents", "", "agents to seed, as id=count,id=count (default: the demo agents agt_demo, agt_sales, agt_empty)")
	conversationsFlag := flag.String("conversations", "", "conversations to seed, as id=count,id=count (default: the demo agents' conversations, or none with -agents)")
	var variants variantFlags
	variants.register(flag.CommandLine)
	flag.Parse()

	leads, conversations, lists := emulator.DemoLeads(), emulator.DemoConversations(), emulator.DemoLists()
	if *agentsFlag != "" || *conversationsFlag != "" {
		leads, conversations, lists = map[string][]emulator.Lead{}, map[string][]emulator.Conversation{}, nil
	}
	if *agentsFlag != "" {
		var err error
		if leads, err = parseAgents(*agentsFlag, emulator.SeedLeads); err != nil {
			log.Fatalf("chatzuri-emulator: -agents: %v", err)
		}
	}
	if *conversationsFlag != "" {
		var err error
		if conversations, err = parseAgents(*conversationsFlag, emulator.SeedConversations); err != nil {
			log.Fatalf("chatzuri-emulator: -conversations: %v", err)
		}
	}
	endData(leads, conversations, lists)

	opts := emulator.Options{APIKey: *apiKey, Leads: leads, Conversations: conversations, PerAgentLists: lists, Latency: *latency}
	given := map[string]bool{}
	flag.Visit(func(f *flag.Flag) { given[f.Name] = true })
	if err := variants.apply(&opts, given); err != nil {
		log.Fatalf("chatzuri-emulator: %v", err)
	}

	host, _, err := net.SplitHostPort(*addr)
	if err != nil || !client.IsLoopbackHost(host) {
		log.Fatalf("chatzuri-emulator: -addr %q must be a loopback address such as 127.0.0.1:0", *addr)
	}
	ln, err := net.Listen("tcp", *addr)
	if err != nil {
		log.Fatalf("chatzuri-emulator: %v", err)
	}
	baseURL := fmt.Sprintf("http://%s/api/v1", ln.Addr())

	emu := emulator.New(opts)
	mux := http.NewServeMux()
	mux.Handle("/", emu)
	// A stand-in for a CRM's webhook, for the examples that push leads on:
	// it counts deliveries and the items in each, and keeps nothing else.
	var hooks webhookSink
	mux.HandleFunc("POST /_emulator/webhook", hooks.receive)
	// For benchmarks and examples-check: what the server saw, without a key.
	mux.HandleFunc("GET /_emulator/stats", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "application/json")
		deliveries, lastItems := hooks.stats()
		_ = json.NewEncoder(w).Encode(struct {
			emulator.Stats
			WebhookDeliveries int `json:"webhook_deliveries"`
			WebhookLastItems  int `json:"webhook_last_items"`
		}{emu.Stats(), deliveries, lastItems})
	})
	srv := &http.Server{Handler: mux, ReadHeaderTimeout: 10 * time.Second}
	if *urlFile != "" {
		if err := os.WriteFile(*urlFile, []byte(baseURL+"\n"), 0o600); err != nil {
			log.Fatalf("chatzuri-emulator: %v", err)
		}
	}
	names := make([]string, 0, len(leads))
	for id := range leads {
		names = append(names, id)
	}
	for id := range conversations {
		if _, ok := leads[id]; !ok {
			names = append(names, id)
		}
	}
	sort.Strings(names)
	served := make([]string, len(names))
	for i, id := range names {
		served[i] = fmt.Sprintf("%s (%d leads, %d conversations)", id, len(leads[id]), len(conversations[id]))
	}
	startLine := fmt.Sprintf("chatzuri-emulator: serving %s with %s; agents: %s", baseURL, keyText(*apiKey), strings.Join(served, ", "))
	if on := variants.describe(opts); on != "" {
		startLine += "; " + on
	}
	fmt.Fprintln(os.Stderr, startLine)

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

// defaultAPIKey is the key the emulator accepts unless -api-key names another.
const defaultAPIKey = "demo-key"

// keyText names the accepted key in the start line: the emulator's own demo
// key is no secret and is shown, so that a user can copy it; a key given
// with -api-key may be a real one and is not.
func keyText(key string) string {
	if key == defaultAPIKey {
		return fmt.Sprintf("API key %q", key)
	}
	return "the API key given by -api-key"
}

// parseAgents reads "id=count,id=count" into agents seeded by seed.
func parseAgents[T any](spec string, seed func(agentID string, n int) []T) (map[string][]T, error) {
	agents := map[string][]T{}
	for _, part := range strings.Split(spec, ",") {
		id, count, ok := strings.Cut(strings.TrimSpace(part), "=")
		n, err := strconv.Atoi(count)
		if !ok || id == "" || err != nil || n < 0 {
			return nil, fmt.Errorf("%q is not id=count", part)
		}
		agents[id] = seed(id, n)
	}
	return agents, nil
}

// webhookSink counts the JSON lists posted to it.
type webhookSink struct {
	mu                    sync.Mutex
	deliveries, lastItems int
}

func (h *webhookSink) receive(w http.ResponseWriter, r *http.Request) {
	var items []json.RawMessage
	if err := json.NewDecoder(http.MaxBytesReader(w, r.Body, 64<<20)).Decode(&items); err != nil {
		http.Error(w, `{"message":"want a JSON list"}`, http.StatusBadRequest)
		return
	}
	h.mu.Lock()
	h.deliveries, h.lastItems = h.deliveries+1, len(items)
	h.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}

func (h *webhookSink) stats() (deliveries, lastItems int) {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.deliveries, h.lastItems
}
