package provider

import (
	"errors"
	"io/fs"
	"os"
	"testing"
)

// TestMain gives the CLI an empty configuration in place of one that does
// not exist. A TF_CLI_CONFIG_FILE naming a missing file configures nothing,
// but OpenTofu then prints a warning on stdout before its version, which
// terraform-plugin-testing cannot parse ("unable to parse version"), and
// every acceptance test fails before it starts. The tests that run the CLI
// themselves write a configuration of their own.
func TestMain(m *testing.M) {
	if path := os.Getenv("TF_CLI_CONFIG_FILE"); path != "" {
		if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
			if err := os.Setenv("TF_CLI_CONFIG_FILE", os.DevNull); err != nil {
				panic(err)
			}
		}
	}
	os.Exit(m.Run())
}
