package main

import (
	"flag"
	"io"
	"net/http"
	"net/http/httptest"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

const testKey = "k"

// parseVariants parses args as the emulator's command line would, and
// applies the variant flags to options seeding agt_1 with 30 leads.
func parseVariants(t *testing.T, args ...string) (emulator.Options, string, error) {
	t.Helper()
	fs := flag.NewFlagSet("chatzuri-emulator", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	var v variantFlags
	v.register(fs)
	if err := fs.Parse(args); err != nil {
		return emulator.Options{}, "", err
	}
	given := map[string]bool{}
	fs.Visit(func(f *flag.Flag) { given[f.Name] = true })
	opts := emulator.Options{APIKey: testKey, Leads: map[string][]emulator.Lead{"agt_1": emulator.SeedLeads("agt_1", 30)}}
	err := v.apply(&opts, given)
	return opts, v.describe(opts), err
}

// serve starts the emulator with opts and returns a function that asks
// method of get-leads with the query, and gives the answer.
func serve(t *testing.T, opts emulator.Options) func(method, query, body string) *http.Response {
	t.Helper()
	srv := httptest.NewServer(emulator.New(opts))
	t.Cleanup(srv.Close)
	return func(method, query, body string) *http.Response {
		req, err := http.NewRequest(method, srv.URL+"/api/v1/get-leads?"+query, strings.NewReader(body))
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Authorization", "Bearer "+testKey)
		req.Header.Set("Content-Type", "application/json")
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { resp.Body.Close() })
		return resp
	}
}

func leadsIn(t *testing.T, resp *http.Response) int {
	t.Helper()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	return strings.Count(string(b), `"chatbot_owner_user_id"`)
}

func TestVariantFlagsByDefaultChangeNothing(t *testing.T) {
	opts, on, err := parseVariants(t)
	if err != nil || opts.MaxPageSize != 100 || opts.RateLimit != nil || opts.Faults != nil || opts.Method != emulator.MethodGET || on != "" {
		t.Fatalf("defaults: %+v, %q, %v", opts, on, err)
	}
}

func TestMaxPageSizeFlag(t *testing.T) {
	opts, on, err := parseVariants(t, "-max-page-size", "7")
	if err != nil || on != "at most 7 items a page" {
		t.Fatalf("%q, %v", on, err)
	}
	if n := leadsIn(t, serve(t, opts)("GET", "agentId=agt_1&size=50", "")); n != 7 {
		t.Errorf("a page of size 50 served %d leads, want 7", n)
	}
}

func TestRateLimitFlags(t *testing.T) {
	for _, tc := range []struct {
		args          []string
		headers, secs bool
		on            string
	}{
		{[]string{"-rate-limit", "2/1m"}, true, false, "rate limit 2 per 1m0s per key (with rate-limit headers)"},
		{[]string{"-rate-limit", "2/1m", "-rate-limit-reset-seconds"}, true, true, "rate limit 2 per 1m0s per key (with rate-limit headers, Reset in seconds)"},
		{[]string{"-rate-limit", "2/1m", "-rate-limit-headers=false"}, false, false, "rate limit 2 per 1m0s per key (without rate-limit headers)"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			opts, on, err := parseVariants(t, tc.args...)
			if err != nil || on != tc.on {
				t.Fatalf("%q, %v", on, err)
			}
			ask := serve(t, opts)
			var last *http.Response
			for range 3 {
				last = ask("GET", "agentId=agt_1", "")
			}
			if last.StatusCode != http.StatusTooManyRequests || last.Header.Get("Retry-After") == "" {
				t.Fatalf("the third request of a 2-request window: %d, Retry-After %q", last.StatusCode, last.Header.Get("Retry-After"))
			}
			reset, _ := strconv.ParseInt(last.Header.Get("X-RateLimit-Reset"), 10, 64)
			if got := last.Header.Get("X-RateLimit-Remaining") != ""; got != tc.headers {
				t.Errorf("headers sent: %v, want %v", got, tc.headers)
			}
			if tc.headers && (reset < 1e12) != tc.secs {
				t.Errorf("Reset %d: in seconds %v, want %v", reset, reset < 1e12, tc.secs)
			}
		})
	}
}

func TestFailRateFlags(t *testing.T) {
	statuses := func(args ...string) []int {
		opts, on, err := parseVariants(t, args...)
		if err != nil || !strings.Contains(on, "of answers 500 or 503") {
			t.Fatalf("%q, %v", on, err)
		}
		ask := serve(t, opts)
		var got []int
		for range 200 {
			got = append(got, ask("GET", "agentId=agt_1", "").StatusCode)
		}
		return got
	}
	first := statuses("-fail-rate", "0.3", "-fail-seed", "7")
	var failed, e500, e503 int
	for _, s := range first {
		switch s {
		case http.StatusInternalServerError:
			failed, e500 = failed+1, e500+1
		case http.StatusServiceUnavailable:
			failed, e503 = failed+1, e503+1
		case http.StatusAccepted:
		default:
			t.Fatalf("status %d", s)
		}
	}
	if failed < 40 || failed > 80 || e500 == 0 || e503 == 0 {
		t.Errorf("0.3 of 200 answers: %d failed (%d 500s, %d 503s), want about 60 of both kinds", failed, e500, e503)
	}
	if again := statuses("-fail-rate", "0.3", "-fail-seed", "7"); !slices.Equal(again, first) {
		t.Error("the same seed failed other requests")
	}
	if other := statuses("-fail-rate", "0.3", "-fail-seed", "8"); slices.Equal(other, first) {
		t.Error("another seed failed the same requests")
	}
}

func TestMethodFlag(t *testing.T) {
	for _, tc := range []struct {
		method    string
		get, post int
		on        string
	}{
		{"GET", http.StatusAccepted, http.StatusMethodNotAllowed, ""},
		{"post", http.StatusMethodNotAllowed, http.StatusAccepted, "lists by POST only (GET is 405)"},
		{"none", http.StatusMethodNotAllowed, http.StatusMethodNotAllowed, "405 to GET and POST"},
	} {
		opts, on, err := parseVariants(t, "-method", tc.method)
		if err != nil || on != tc.on {
			t.Fatalf("-method %s: %q, %v", tc.method, on, err)
		}
		ask := serve(t, opts)
		if got := ask("GET", "agentId=agt_1", "").StatusCode; got != tc.get {
			t.Errorf("-method %s: GET answered %d, want %d", tc.method, got, tc.get)
		}
		if got := ask("POST", "", `{"agentId":"agt_1","page":1,"size":10}`).StatusCode; got != tc.post {
			t.Errorf("-method %s: POST answered %d, want %d", tc.method, got, tc.post)
		}
	}
}

func TestVariantFlagsRefuseBadValuesNamingTheFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"-max-page-size", "0"}, "-max-page-size is 0; it must be a whole number, 1 or more"},
		{[]string{"-rate-limit", "100"}, `-rate-limit: "100" is not N/DURATION`},
		{[]string{"-rate-limit", "0/10s"}, `-rate-limit: "0/10s" is not N/DURATION with N a whole number of requests, 1 or more`},
		{[]string{"-rate-limit", "10/0s"}, `-rate-limit: "10/0s" is not N/DURATION with DURATION more than 0`},
		{[]string{"-rate-limit", "10/soon"}, `-rate-limit: "10/soon" is not N/DURATION`},
		{[]string{"-rate-limit-headers=false"}, "-rate-limit-headers qualifies -rate-limit, which is not set"},
		{[]string{"-rate-limit-reset-seconds"}, "-rate-limit-reset-seconds qualifies -rate-limit, which is not set"},
		{[]string{"-rate-limit", "1/1s", "-rate-limit-headers=false", "-rate-limit-reset-seconds"}, "-rate-limit-reset-seconds spells a header that -rate-limit-headers=false turns off"},
		{[]string{"-fail-rate", "1.5"}, "-fail-rate is 1.5; it must be a fraction from 0 to 1"},
		{[]string{"-fail-rate", "-0.1"}, "-fail-rate is -0.1; it must be a fraction from 0 to 1"},
		{[]string{"-fail-rate", "NaN"}, "-fail-rate is NaN; it must be a fraction from 0 to 1"},
		{[]string{"-fail-seed", "3"}, "-fail-seed qualifies -fail-rate, which is not set"},
		{[]string{"-method", "PUT"}, `-method: "PUT" is not a method: use GET, POST or none`},
	} {
		if _, _, err := parseVariants(t, tc.args...); err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("%v: error %v, want %q", tc.args, err, tc.want)
		}
	}
}
