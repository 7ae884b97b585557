package provider

import (
	"fmt"
	"net"
	"regexp"
	"strings"
	"testing"
)

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

// TestAccCLI_nothingListeningAtALoopbackBaseURLFailsAtOnce: with the
// emulator not running, terraform plan fails on the first try (max_retries
// is 4, so a retried refusal would say "after 5 tries"), says nothing is
// listening there, names base_url as where the address came from, and how
// to start the emulator at that address; not proxies or DNS.
func TestAccCLI_nothingListeningAtALoopbackBaseURLFailsAtOnce(t *testing.T) {
	t.Parallel()
	addr := closedLoopbackAddress(t)
	tf := newTerraformCLI(t, notListeningConfig(fmt.Sprintf("base_url = %q", "http://"+addr+"/api/v1")), "")
	requireNotListeningError(t, tf, addr, "base_url, set in the provider block")
}

// TestAccCLI_nothingListeningAtCHATZURI_BASE_URLNamesTheVariable is the
// same with the address from the environment.
//
// Serial: the provider runs in this process and reads CHATZURI_BASE_URL
// from its environment, which t.Setenv sets for the whole process.
func TestAccCLI_nothingListeningAtCHATZURI_BASE_URLNamesTheVariable(t *testing.T) {
	testAccPreCheck(t)
	addr := closedLoopbackAddress(t)
	t.Setenv(envBaseURL, "http://"+addr+"/api/v1")
	tf := newTerraformCLI(t, notListeningConfig(""), "")
	requireNotListeningError(t, tf, addr, "the CHATZURI_BASE_URL environment variable")
}

func notListeningConfig(baseURL string) string {
	return fmt.Sprintf(`
provider "chatzuri" {
  api_key     = "k"
  max_retries = 4
  %s
}

data "chatzuri_leads" "test" {
  agent_id = "agt_1"
}
`, baseURL)
}

func requireNotListeningError(t *testing.T, tf *terraformCLI, addr, source string) {
	t.Helper()
	out, err := tf.run(t, nil, "plan", "-input=false", "-no-color")
	if err == nil {
		t.Fatalf("terraform plan succeeded with nothing listening:\n%s", out)
	}
	text := strings.Join(strings.Fields(out), " ")
	for _, want := range []string{
		"Nothing is listening at base_url",
		"nothing is listening at http://" + addr,
		source,
		"go run ./cmd/chatzuri-emulator -addr " + addr,
	} {
		if !strings.Contains(text, want) {
			t.Errorf("the error does not say %q:\n%s", want, out)
		}
	}
	if tries := regexp.MustCompile(`after \d+ tries`).FindString(text); tries != "" {
		t.Errorf("the read was retried (%s), want it to fail on the first try:\n%s", tries, out)
	}
	for _, wrong := range []string{"proxy", "DNS"} {
		if strings.Contains(text, wrong) {
			t.Errorf("the error speaks of %s:\n%s", wrong, out)
		}
	}
}
