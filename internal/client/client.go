// Package client speaks Chatzuri's v1 REST API. It knows HTTP and JSON and
// nothing of Terraform: the provider maps its results into Terraform values.
package client

import (
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"time"

	"github.com/hashicorp/go-cleanhttp"
)

// Defaults for the fields of Config left at their zero value.
const (
	DefaultBaseURL        = "https://www.chatzuri.com/api/v1"
	DefaultMaxRetries     = 4
	DefaultRequestTimeout = 30 * time.Second
	DefaultRetryWaitMin   = 1 * time.Second
	DefaultRetryWaitMax   = 30 * time.Second
	DefaultRetryAfterMax  = 60 * time.Second
	DefaultMaxPages       = 100_000
	DefaultMaxBodyBytes   = 32 << 20
	// DefaultMaxConcurrentRequests: see the provider's max_concurrent_requests.
	DefaultMaxConcurrentRequests = 10
)

// Config describes a client. BaseURL and APIKey are required.
type Config struct {
	BaseURL   string
	APIKey    string
	UserAgent string

	// MaxRetries is how many times a failed try is repeated; 0 disables retries.
	MaxRetries int
	// RequestTimeout bounds one HTTP try, body included.
	RequestTimeout time.Duration
	// RetryWaitMin and RetryWaitMax bound the exponential backoff between tries.
	RetryWaitMin, RetryWaitMax time.Duration
	// RetryAfterMax caps the wait a server may ask for with Retry-After.
	RetryAfterMax time.Duration
	// MaxConcurrentRequests bounds the requests in flight for the whole
	// client, shared by every listing; it is also how many pages one listing
	// fetches ahead. 1 reads one page after another.
	MaxConcurrentRequests int
	// MaxPages is the safety bound on pages read by one listing.
	MaxPages int
	// MaxBodyBytes bounds the size of one response body.
	MaxBodyBytes int64

	// Logger receives request, retry and paging events; nil discards them.
	Logger Logger
	// Proxy chooses the proxy of a request, as http.Transport's Proxy; nil
	// reads HTTPS_PROXY, HTTP_PROXY and NO_PROXY, which never apply to
	// loopback hosts.
	Proxy func(*http.Request) (*url.URL, error)
	// Transport replaces the pooled default transport (tests); Proxy and
	// the check of a proxy's CONNECT answer are then the transport's own.
	Transport http.RoundTripper
}

// Client is safe for concurrent use. What it learns of the API as it reads
// (the request budget's pace, the method each list takes) is shared by
// every read of its life.
type Client struct {
	baseURL    *url.URL
	apiKey     string
	ua         string
	cfg        Config
	httpClient *http.Client
	log        Logger
	gate       *gate
	proxy      func(*http.Request) (*url.URL, error)
	methods    methodMemory
}

// New validates cfg, fills in defaults and returns a client.
func New(cfg Config) (*Client, error) {
	base, err := ParseBaseURL(cfg.BaseURL)
	if err != nil {
		return nil, err
	}
	if cfg.APIKey == "" {
		return nil, errors.New("an API key is required")
	}
	if cfg.MaxRetries < 0 {
		return nil, fmt.Errorf("max retries must be 0 or more, got %d", cfg.MaxRetries)
	}
	setDefault(&cfg.RequestTimeout, DefaultRequestTimeout)
	setDefault(&cfg.RetryWaitMin, DefaultRetryWaitMin)
	setDefault(&cfg.RetryWaitMax, DefaultRetryWaitMax)
	setDefault(&cfg.RetryAfterMax, DefaultRetryAfterMax)
	setDefault(&cfg.MaxPages, DefaultMaxPages)
	setDefault(&cfg.MaxBodyBytes, DefaultMaxBodyBytes)
	setDefault(&cfg.MaxConcurrentRequests, DefaultMaxConcurrentRequests)
	if cfg.MaxConcurrentRequests < 1 {
		return nil, fmt.Errorf("max concurrent requests must be at least 1, got %d", cfg.MaxConcurrentRequests)
	}
	if cfg.UserAgent == "" {
		cfg.UserAgent = "terraform-provider-chatzuri"
	}
	log := cfg.Logger
	if log == nil {
		log = discardLogger{}
	}

	proxy := cfg.Proxy
	if proxy == nil {
		proxy = http.ProxyFromEnvironment
	}
	transport := cfg.Transport
	if transport == nil {
		pooled := cleanhttp.DefaultPooledTransport()
		pooled.Proxy = proxy
		pooled.OnProxyConnectResponse = checkTunnel
		// Keep a connection per request in flight: the default keeps
		// GOMAXPROCS+1, and redials the rest on every page.
		pooled.MaxIdleConnsPerHost = max(pooled.MaxIdleConnsPerHost, cfg.MaxConcurrentRequests)
		transport = pooled
	}
	g := newGate(cfg.MaxConcurrentRequests, cfg.RetryAfterMax)

	c := &Client{baseURL: base, apiKey: cfg.APIKey, ua: cfg.UserAgent, cfg: cfg, log: log, gate: g, proxy: proxy}
	c.httpClient = &http.Client{
		Transport:     gatedTransport{gate: g, next: transport},
		Timeout:       cfg.RequestTimeout,
		CheckRedirect: checkRedirect,
	}
	return c, nil
}

func setDefault[T comparable](v *T, def T) {
	var zero T
	if *v == zero {
		*v = def
	}
}
