package release

import (
	"archive/zip"
	"bufio"
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
)

const (
	projectName = "terraform-provider-chatzuri"
	// envDist names the goreleaser dist directory to check.
	envDist = "CHATZURI_RELEASE_DIST"
	// registryManifest is the committed manifest, relative to this package.
	registryManifest = "../../terraform-registry-manifest.json"
)

// release is a goreleaser dist directory and the version it was built at.
type release struct {
	dist    string
	version string
}

// loadRelease reads the release in $CHATZURI_RELEASE_DIST, or skips the test.
func loadRelease(t *testing.T) release {
	t.Helper()
	dist := os.Getenv(envDist)
	if dist == "" {
		t.Skipf("checks a release built by goreleaser: run make release-check, or set %s to a dist directory", envDist)
	}
	raw, err := os.ReadFile(filepath.Join(dist, "metadata.json"))
	if err != nil {
		t.Fatalf("reading goreleaser's metadata: %v", err)
	}
	var meta struct {
		ProjectName string `json:"project_name"`
		Version     string `json:"version"`
	}
	if err := json.Unmarshal(raw, &meta); err != nil {
		t.Fatalf("decoding goreleaser's metadata.json: %v", err)
	}
	if meta.ProjectName != projectName || meta.Version == "" {
		t.Fatalf("metadata.json has project %q and version %q, want project %q and a version", meta.ProjectName, meta.Version, projectName)
	}
	return release{dist: dist, version: meta.Version}
}

func (r release) path(name string) string { return filepath.Join(r.dist, name) }

// zipName is the archive the registry downloads for this machine's platform.
func (r release) zipName() string {
	return fmt.Sprintf("%s_%s_%s_%s.zip", projectName, r.version, runtime.GOOS, runtime.GOARCH)
}

// binaryName is the plugin executable inside the zip.
func (r release) binaryName() string {
	name := projectName + "_v" + r.version
	if runtime.GOOS == "windows" {
		name += ".exe"
	}
	return name
}

func (r release) checksumsName() string { return projectName + "_" + r.version + "_SHA256SUMS" }
func (r release) manifestName() string  { return projectName + "_" + r.version + "_manifest.json" }

// binary returns the plugin executable from the zip.
func (r release) binary(t *testing.T) []byte {
	t.Helper()
	zr, err := zip.OpenReader(r.path(r.zipName()))
	if err != nil {
		t.Fatalf("opening the release zip: %v", err)
	}
	defer func() { _ = zr.Close() }()
	var names []string
	for _, f := range zr.File {
		names = append(names, f.Name)
		if f.Name != r.binaryName() {
			continue
		}
		if runtime.GOOS != "windows" && f.Mode()&0o111 == 0 {
			t.Errorf("%s in the zip is not executable (mode %v)", f.Name, f.Mode())
		}
		rc, err := f.Open()
		if err != nil {
			t.Fatalf("reading %s from the zip: %v", f.Name, err)
		}
		defer func() { _ = rc.Close() }()
		b, err := io.ReadAll(rc)
		if err != nil {
			t.Fatalf("reading %s from the zip: %v", f.Name, err)
		}
		return b
	}
	t.Fatalf("%s holds %q, want the binary %q at its top level", r.zipName(), names, r.binaryName())
	return nil
}

func sha256Of(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	sum := sha256.Sum256(b)
	return hex.EncodeToString(sum[:])
}

func TestZipIsNamedProjectVersionOSArch(t *testing.T) {
	r := loadRelease(t)
	zips, err := filepath.Glob(r.path("*.zip"))
	if err != nil {
		t.Fatal(err)
	}
	for i := range zips {
		zips[i] = filepath.Base(zips[i])
	}
	if want := []string{r.zipName()}; !slices.Equal(zips, want) {
		t.Fatalf("the release has zips %q, want %q (the build is for this machine's platform only)", zips, want)
	}
}

func TestZipHoldsTheBinaryNamedWithTheVersion(t *testing.T) {
	r := loadRelease(t)
	if len(r.binary(t)) == 0 {
		t.Fatalf("%s in the zip is empty", r.binaryName())
	}
}

func TestChecksumsListTheZipAndTheManifest(t *testing.T) {
	r := loadRelease(t)
	f, err := os.Open(r.path(r.checksumsName()))
	if err != nil {
		t.Fatalf("the release has no %s: %v", r.checksumsName(), err)
	}
	defer func() { _ = f.Close() }()
	line := regexp.MustCompile(`^([0-9a-f]{64})  (\S+)$`)
	listed := map[string]string{}
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		m := line.FindStringSubmatch(sc.Text())
		if m == nil {
			t.Fatalf("%s has the line %q, want \"<sha256>  <file name>\"", r.checksumsName(), sc.Text())
		}
		listed[m[2]] = m[1]
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}

	want := map[string]string{
		r.zipName(): sha256Of(t, r.path(r.zipName())),
		// Not written to dist by a snapshot: the release uploads the
		// committed file under this name (see the next test).
		r.manifestName(): sha256Of(t, registryManifest),
	}
	for name, sum := range want {
		switch got, ok := listed[name]; {
		case !ok:
			t.Errorf("%s does not list %s", r.checksumsName(), name)
		case got != sum:
			t.Errorf("%s lists %s with sha256 %s, want %s", r.checksumsName(), name, got, sum)
		}
	}
	for name := range listed {
		if _, ok := want[name]; !ok {
			t.Errorf("%s lists %s, want only the zip and the manifest", r.checksumsName(), name)
		}
	}
}

// section returns the lines of a top-level key in goreleaser's effective
// configuration (dist/config.yaml, which goreleaser writes in a fixed form).
func section(t *testing.T, r release, key string) []string {
	t.Helper()
	raw, err := os.ReadFile(r.path("config.yaml"))
	if err != nil {
		t.Fatalf("reading goreleaser's effective configuration: %v", err)
	}
	var lines []string
	in := false
	for l := range strings.Lines(string(raw)) {
		l = strings.TrimRight(l, "\n")
		if l != "" && l[0] != ' ' && l[0] != '-' {
			in = l == key+":"
			continue
		}
		if in {
			lines = append(lines, strings.TrimSpace(l))
		}
	}
	if len(lines) == 0 {
		t.Fatalf("goreleaser's effective configuration has no %s section", key)
	}
	return lines
}

// manifestNameTemplate is the name an extra_files entry of a section gives
// terraform-registry-manifest.json.
func manifestNameTemplate(t *testing.T, r release, key string) string {
	t.Helper()
	lines := section(t, r, key)
	for i, l := range lines {
		if l == "- glob: terraform-registry-manifest.json" && i+1 < len(lines) && strings.HasPrefix(lines[i+1], "name_template: ") {
			return strings.TrimPrefix(lines[i+1], "name_template: ")
		}
	}
	t.Fatalf("the %s section has no extra_files entry for terraform-registry-manifest.json with a name_template: %q", key, lines)
	return ""
}

func TestReleaseUploadsTheManifestUnderTheNameInTheChecksums(t *testing.T) {
	r := loadRelease(t)
	uploaded, summed := manifestNameTemplate(t, r, "release"), manifestNameTemplate(t, r, "checksum")
	if uploaded != summed {
		t.Fatalf("the release uploads the manifest as %s, but SHA256SUMS lists it as %s", uploaded, summed)
	}
}

func TestManifestDeclaresProtocol6(t *testing.T) {
	raw, err := os.ReadFile(registryManifest)
	if err != nil {
		t.Fatal(err)
	}
	var m struct {
		Version  int `json:"version"`
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("terraform-registry-manifest.json: %v", err)
	}
	if m.Version != 1 || !slices.Equal(m.Metadata.ProtocolVersions, []string{"6.0"}) {
		t.Fatalf("terraform-registry-manifest.json has version %d and protocol_versions %q, want 1 and [\"6.0\"]", m.Version, m.Metadata.ProtocolVersions)
	}
}

func TestBinaryIsStaticAndTrimmed(t *testing.T) {
	r := loadRelease(t)
	bin := r.binary(t)
	info, err := buildinfo.Read(bytes.NewReader(bin))
	if err != nil {
		t.Fatalf("reading the binary's build information: %v", err)
	}
	settings := map[string]string{}
	for _, s := range info.Settings {
		settings[s.Key] = s.Value
	}
	want := map[string]string{"CGO_ENABLED": "0", "-trimpath": "true", "GOOS": runtime.GOOS, "GOARCH": runtime.GOARCH}
	for k, v := range want {
		if settings[k] != v {
			t.Errorf("the binary was built with %s=%q, want %q", k, settings[k], v)
		}
	}
	if info.Path != "github.com/chatzuri/terraform-provider-chatzuri" {
		t.Errorf("the binary is built from %q, want the provider's main package", info.Path)
	}
}

// The provider sends its version, injected with -ldflags "-X main.version=",
// in the User-Agent of every request. The CLI runs the released binary
// through dev_overrides against a stand-in API that records it.
func TestBinarySendsTheReleaseVersionInTheUserAgent(t *testing.T) {
	r := loadRelease(t)
	c := cliUnderTest(t)
	tmp := t.TempDir()
	binDir := filepath.Join(tmp, "bin")
	if err := os.MkdirAll(binDir, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(binDir, r.binaryName()), r.binary(t), 0o755); err != nil {
		t.Fatal(err)
	}

	var mu sync.Mutex
	var agents []string
	api := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, req *http.Request) {
		mu.Lock()
		agents = append(agents, req.UserAgent())
		mu.Unlock()
		w.Header().Set("Content-Type", "application/json")
		_, _ = io.WriteString(w, `{"data": []}`)
	}))
	defer api.Close()

	cliConfig := filepath.Join(tmp, "terraformrc")
	writeFile(t, cliConfig, fmt.Sprintf(`provider_installation {
  dev_overrides {
    "chatzuri/chatzuri" = %q
  }
  direct {}
}
`, binDir))
	workDir := filepath.Join(tmp, "config")
	writeFile(t, filepath.Join(workDir, "main.tf"), fmt.Sprintf(`terraform {
  required_providers {
    chatzuri = { source = "chatzuri/chatzuri" }
  }
}

provider "chatzuri" {
  base_url = %q
  api_key  = "release-check"
}

data "chatzuri_leads" "check" {
  agent_id = "agt_release_check"
}
`, api.URL+"/api/v1"))

	out, err := c.run(t, workDir, cliConfig, nil, "plan", "-input=false", "-no-color")
	if err != nil {
		t.Fatalf("%s plan with the released binary failed: %v\n%s", c.name, err, out)
	}

	mu.Lock()
	defer mu.Unlock()
	if len(agents) == 0 {
		t.Fatalf("the released binary sent no request; terraform plan said:\n%s", out)
	}
	prefix := projectName + "/" + r.version + " "
	for _, ua := range agents {
		if !strings.HasPrefix(ua, prefix) {
			t.Fatalf("User-Agent %q, want it to start with %q", ua, prefix)
		}
	}
}

func writeFile(t *testing.T, path, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}
