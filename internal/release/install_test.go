package release

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/ProtonMail/go-crypto/openpgp"
	"github.com/hashicorp/hcl/v2"
	"github.com/hashicorp/hcl/v2/hclparse"
	"golang.org/x/mod/sumdb/dirhash"

	"github.com/chatzuri/terraform-provider-chatzuri/internal/emulator"
)

// make release-check signs the snapshot through .goreleaser.yml's own signs
// step with a throwaway key, and passes the key and a control to the tests.
const (
	// envPublicKey names the signing key's public half, ASCII-armored.
	envPublicKey = "CHATZURI_RELEASE_PUBLIC_KEY"
	// envOtherSignature names a detached signature of the same SHA256SUMS
	// made by another key than the one served.
	envOtherSignature = "CHATZURI_RELEASE_OTHER_SIGNATURE"
)

// versionConstraint is what the README and the examples ask for.
const versionConstraint = "~> 0.1"

type signedRelease struct {
	release
	publicKey      string
	keyID          string
	otherSignature []byte
}

// loadSignedRelease is loadRelease with the signing key: a release checked
// without its signature is not checked as a registry serves it.
func loadSignedRelease(t *testing.T) signedRelease {
	t.Helper()
	r := loadRelease(t)
	read := func(env string) []byte {
		path := os.Getenv(env)
		if path == "" {
			t.Fatalf("%s is set but %s is not: make release-check sets both", envDist, env)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", env, err)
		}
		return b
	}
	publicKey := read(envPublicKey)
	keyring, err := openpgp.ReadArmoredKeyRing(bytes.NewReader(publicKey))
	if err != nil || len(keyring) != 1 {
		t.Fatalf("%s does not hold one ASCII-armored public key (%d keys): %v", envPublicKey, len(keyring), err)
	}
	return signedRelease{
		release:        r,
		publicKey:      string(publicKey),
		keyID:          keyring[0].PrimaryKey.KeyIdString(),
		otherSignature: read(envOtherSignature),
	}
}

func (r signedRelease) signatureName() string { return r.checksumsName() + ".sig" }

// The registry checks nothing: Terraform and OpenTofu check SHA256SUMS
// against the signature with the key the registry lists, using the same
// OpenPGP library as this test.
func TestChecksumsVerifyWithTheKeyTheRegistryServes(t *testing.T) {
	r := loadSignedRelease(t)
	keyring, err := openpgp.ReadArmoredKeyRing(strings.NewReader(r.publicKey))
	if err != nil {
		t.Fatal(err)
	}
	sums, err := os.ReadFile(r.path(r.checksumsName()))
	if err != nil {
		t.Fatal(err)
	}
	sig, err := os.ReadFile(r.path(r.signatureName()))
	if err != nil {
		t.Fatalf("the release has no detached signature %s: %v", r.signatureName(), err)
	}
	if _, err := openpgp.CheckDetachedSignature(keyring, bytes.NewReader(sums), bytes.NewReader(sig), nil); err != nil {
		t.Fatalf("%s does not verify against %s with the release key: %v\n%s", r.signatureName(), r.checksumsName(), err, sums)
	}
	if _, err := openpgp.CheckDetachedSignature(keyring, bytes.NewReader(sums), bytes.NewReader(r.otherSignature), nil); err == nil {
		t.Fatalf("the control signature (%s) verifies with the release key: it must be made by another key", envOtherSignature)
	}
}

// installFixture is a registry serving the release, the emulator the
// provider reads from once installed, and a configuration that asks for
// chatzuri/chatzuri as the README does.
type installFixture struct {
	r      signedRelease
	cli    cli
	reg    *registry
	dir    string
	config string // the CLI configuration
	env    []string
	leads  []emulator.Lead
}

const releaseAgent = "agt_release_check"

func newInstallFixture(t *testing.T) *installFixture {
	t.Helper()
	r := loadSignedRelease(t)
	f := &installFixture{r: r, cli: cliUnderTest(t), leads: emulator.SeedLeads(releaseAgent, 7)}
	ca := newTestCA(t)
	f.reg = &registry{r: r.release, publicKey: r.publicKey, keyID: r.keyID, replace: map[string][]byte{}}
	f.reg.serve(t, ca)
	f.config = registryCLIConfig(t, f.reg.providersURL())

	const key = "release-check-key"
	api := httptest.NewServer(emulator.New(emulator.Options{APIKey: key, Leads: map[string][]emulator.Lead{releaseAgent: f.leads}}))
	t.Cleanup(api.Close)
	f.env = []string{"SSL_CERT_FILE=" + ca.pemFile, "CHATZURI_API_KEY=" + key, "CHATZURI_BASE_URL=" + api.URL + "/api/v1"}

	f.dir = t.TempDir()
	writeFile(t, filepath.Join(f.dir, "main.tf"), `terraform {
  required_providers {
    chatzuri = { source = "chatzuri/chatzuri", version = "`+versionConstraint+`" }
  }
}

provider "chatzuri" {}

data "chatzuri_leads" "check" {
  agent_id = "`+releaseAgent+`"
}

output "lead_ids" {
  value = [for l in data.chatzuri_leads.check.leads : l.id]
}
`)
	return f
}

func (f *installFixture) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	return f.cli.run(t, f.dir, f.config, f.env, args...)
}

// installed reports whether init left a provider package in the working
// directory.
func (f *installFixture) installed(t *testing.T) bool {
	t.Helper()
	found := false
	_ = filepath.WalkDir(filepath.Join(f.dir, ".terraform", "providers"), func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasPrefix(d.Name(), projectName) {
			found = true
		}
		return nil
	})
	return found
}

func TestInitInstallsTheReleaseFromARegistryAndChecksItsSignature(t *testing.T) {
	t.Parallel()
	f := newInstallFixture(t)
	out, err := f.run(t, "init", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("%s init from the registry failed: %v\n%s", f.cli.name, err, out)
	}
	// Terraform says "(self-signed, key ID …)" for a key with no partner
	// trust signature, OpenTofu "(signed, key ID …)": both only after the
	// signature verified.
	installed := regexp.MustCompile(`Installed chatzuri/chatzuri v` + regexp.QuoteMeta(f.r.version) + ` \((self-)?signed, key ID ` + f.r.keyID + `\)`)
	if !installed.MatchString(plain(out)) {
		t.Fatalf("%s init did not say it installed v%s signed with key %s:\n%s", f.cli.name, f.r.version, f.r.keyID, out)
	}

	f.checkLockFile(t)

	out, err = f.run(t, "apply", "-input=false", "-no-color", "-auto-approve")
	if err != nil {
		t.Fatalf("%s apply with the installed provider failed: %v\n%s", f.cli.name, err, out)
	}
	out, err = f.run(t, "output", "-json", "lead_ids")
	if err != nil {
		t.Fatalf("%s output: %v\n%s", f.cli.name, err, out)
	}
	var got []string
	if err := json.Unmarshal([]byte(out), &got); err != nil {
		t.Fatalf("output lead_ids is not a list of strings: %v\n%s", err, out)
	}
	var want []string
	for _, l := range f.leads {
		want = append(want, l.ID)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Fatalf("the installed provider read lead ids %q, want the emulator's %q", got, want)
	}
}

// checkLockFile holds .terraform.lock.hcl to what the release is: the
// version the constraint selected, a zh: hash for every file SHA256SUMS
// lists (the CLI trusts them all once the signature verified) and the h1:
// hash of the zip this platform installed.
func (f *installFixture) checkLockFile(t *testing.T) {
	t.Helper()
	lockPath := filepath.Join(f.dir, ".terraform.lock.hcl")
	src, err := os.ReadFile(lockPath)
	if err != nil {
		t.Fatalf("init wrote no lock file: %v", err)
	}
	file, diags := hclparse.NewParser().ParseHCL(src, lockPath)
	if diags.HasErrors() {
		t.Fatalf("the lock file does not parse: %s\n%s", diags, src)
	}
	content, diags := file.Body.Content(&hcl.BodySchema{Blocks: []hcl.BlockHeaderSchema{{Type: "provider", LabelNames: []string{"address"}}}})
	if diags.HasErrors() {
		t.Fatalf("the lock file: %s\n%s", diags, src)
	}
	address := f.cli.registry + "/chatzuri/chatzuri"
	var block *hcl.Block
	for _, b := range content.Blocks {
		if b.Labels[0] == address {
			block = b
		}
	}
	if block == nil || len(content.Blocks) != 1 {
		t.Fatalf("the lock file should lock only %s:\n%s", address, src)
	}
	attrs, diags := block.Body.JustAttributes()
	if diags.HasErrors() {
		t.Fatalf("the lock file's %s block: %s", address, diags)
	}
	str := func(name string) string {
		a, ok := attrs[name]
		if !ok {
			t.Fatalf("the lock file's %s block has no %s:\n%s", address, name, src)
		}
		v, diags := a.Expr.Value(nil)
		if diags.HasErrors() {
			t.Fatalf("the lock file's %s: %s", name, diags)
		}
		return v.AsString()
	}
	if got := str("version"); got != f.r.version {
		t.Errorf("the lock file has version %q, want %q", got, f.r.version)
	}
	if got := str("constraints"); got != versionConstraint {
		t.Errorf("the lock file has constraints %q, want %q", got, versionConstraint)
	}
	hashesAttr, ok := attrs["hashes"]
	if !ok {
		t.Fatalf("the lock file has no hashes:\n%s", src)
	}
	hashesVal, diags := hashesAttr.Expr.Value(nil)
	if diags.HasErrors() {
		t.Fatalf("the lock file's hashes: %s", diags)
	}
	var got []string
	for _, v := range hashesVal.AsValueSlice() {
		got = append(got, v.AsString())
	}

	h1, err := dirhash.HashZip(f.r.path(f.r.zipName()), dirhash.Hash1)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{h1}
	for _, sum := range f.reg.sums() {
		want = append(want, "zh:"+sum)
	}
	slices.Sort(got)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("the lock file has hashes\n  %q\nwant the zip's h1: and a zh: for every line of %s\n  %q", got, f.r.checksumsName(), want)
	}
}

func TestInitRefusesASignatureByAnotherKey(t *testing.T) {
	t.Parallel()
	f := newInstallFixture(t)
	f.reg.replace[f.r.signatureName()] = f.r.otherSignature
	out, err := f.run(t, "init", "-input=false", "-no-color")
	if err == nil {
		t.Fatalf("%s init installed a release whose signature was made by another key than the registry's:\n%s", f.cli.name, out)
	}
	// Terraform: "authentication signature from unknown issuer"; OpenTofu:
	// "the provider is not signed with a valid signing key".
	if !regexp.MustCompile(`unknown issuer|not signed with a valid signing key`).MatchString(plain(out)) {
		t.Fatalf("%s init failed, but not on the signature:\n%s", f.cli.name, out)
	}
	if f.installed(t) {
		t.Fatal("init failed but left the provider installed")
	}
}

func TestInitRefusesAZipWhoseChecksumDoesNotMatch(t *testing.T) {
	t.Parallel()
	f := newInstallFixture(t)
	zip, err := os.ReadFile(f.r.path(f.r.zipName()))
	if err != nil {
		t.Fatal(err)
	}
	// One byte changed, as in a corrupted or altered download.
	tampered := slices.Clone(zip)
	tampered[len(tampered)/2] ^= 0xff
	f.reg.replace[f.r.zipName()] = tampered
	out, err := f.run(t, "init", "-input=false", "-no-color")
	if err == nil {
		t.Fatalf("%s init installed a zip whose checksum is not the one SHA256SUMS lists:\n%s", f.cli.name, out)
	}
	if !regexp.MustCompile(`(?i)checksum`).MatchString(plain(out)) {
		t.Fatalf("%s init failed, but not on the checksum:\n%s", f.cli.name, out)
	}
	if f.installed(t) {
		t.Fatal("init failed but left the provider installed")
	}
}
