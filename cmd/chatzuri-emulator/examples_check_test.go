package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/client"
	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// TestExamplesCheckFailSeedNeverFailsAReadOut holds the premise of make
// examples-check's run against -fail-rate (scripts/validate-examples.sh). It
// reads one request at a time, so each retry takes the next request number,
// and a read gives up only where the seed fails more numbers in a row than
// the provider retries by default. Its seed must not, among the first 100
// numbers (the run uses about 25), and must fail some, or the run proves
// nothing.
func TestExamplesCheckFailSeedNeverFailsAReadOut(t *testing.T) {
	t.Parallel()
	script, err := os.ReadFile(filepath.Join("..", "..", "scripts", "validate-examples.sh"))
	if err != nil {
		t.Fatal(err)
	}
	m := regexp.MustCompile(`(?m)^CHATZURI_MAX_CONCURRENT_REQUESTS=1 start_variant fail-rate ([^\n]*?) -- -parallelism=1$`).FindSubmatch(script)
	if m == nil {
		t.Fatal("scripts/validate-examples.sh does not run the fail-rate variant one request at a time (CHATZURI_MAX_CONCURRENT_REQUESTS=1 ... -- -parallelism=1), as this test assumes")
	}
	opts, _, err := parseVariants(t, strings.Fields(string(m[1]))...)
	if err != nil || opts.Faults == nil {
		t.Fatalf("the script's flags %q: %v, or no failures", m[1], err)
	}
	failed, run, longest := 0, 0, 0
	for n := 1; n <= 100; n++ {
		run++
		if opts.Faults(n) == emulator.NoFault {
			run = 0
		} else {
			failed++
		}
		longest = max(longest, run)
	}
	if longest > client.DefaultMaxRetries {
		t.Errorf("with %s, %d requests in a row fail among the first 100: a read one request at a time, retried %d times, can give up", m[1], longest, client.DefaultMaxRetries)
	}
	if failed == 0 {
		t.Errorf("with %s, no request among the first 100 fails: the run proves nothing", m[1])
	}
	t.Logf("%s: %d of the first 100 requests fail, at most %d in a row", m[1], failed, longest)
}
