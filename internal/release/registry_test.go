package release

import (
	"encoding/json"
	"fmt"
	"maps"
	"net/http"
	"net/http/httptest"
	"os"
	"regexp"
	"slices"
	"strings"
	"testing"
)

// registry serves a release over the provider registry protocol, as the
// Terraform Registry and OpenTofu's registry serve a provider's GitHub
// release: the versions, then per platform the download's metadata, the zip,
// SHA256SUMS, its detached signature and the key to check it with.
//
// https://developer.hashicorp.com/terraform/internals/provider-registry-protocol
type registry struct {
	r         release
	publicKey string // ASCII-armored, as the registry lists it
	keyID     string

	// Files the registry serves in place of the release's, by name: a
	// control replaces one to see the CLI refuse it.
	replace map[string][]byte

	srv *httptest.Server
}

// providersPath is where the CLI configuration's host block points
// providers.v1 (see cliConfig).
const providersPath = "/v1/providers/"

// serve starts the registry over TLS on 127.0.0.1 with a certificate from
// ca, and stops it when the test ends.
func (g *registry) serve(t *testing.T, ca *testCA) {
	t.Helper()
	mux := http.NewServeMux()
	mux.HandleFunc("GET "+providersPath+"chatzuri/chatzuri/versions", g.versions)
	mux.HandleFunc("GET "+providersPath+"chatzuri/chatzuri/{version}/download/{os}/{arch}", g.download)
	mux.HandleFunc("GET /files/{name}", g.file)
	g.srv = httptest.NewUnstartedServer(mux)
	g.srv.TLS = ca.serverTLS(t)
	g.srv.StartTLS()
	t.Cleanup(g.srv.Close)
}

func (g *registry) providersURL() string { return g.srv.URL + providersPath }

func (g *registry) versions(w http.ResponseWriter, _ *http.Request) {
	type platform struct {
		OS   string `json:"os"`
		Arch string `json:"arch"`
	}
	var platforms []platform
	for _, p := range g.platforms() {
		goos, goarch, _ := strings.Cut(p, "_")
		platforms = append(platforms, platform{goos, goarch})
	}
	writeJSON(w, map[string]any{"versions": []map[string]any{{
		"version":   g.r.version,
		"protocols": g.protocols(),
		"platforms": platforms,
	}}})
}

func (g *registry) download(w http.ResponseWriter, req *http.Request) {
	version, goos, goarch := req.PathValue("version"), req.PathValue("os"), req.PathValue("arch")
	zip := fmt.Sprintf("%s_%s_%s_%s.zip", projectName, version, goos, goarch)
	sum, ok := g.sums()[zip]
	if version != g.r.version || !ok {
		http.NotFound(w, req)
		return
	}
	writeJSON(w, map[string]any{
		"protocols":             g.protocols(),
		"os":                    goos,
		"arch":                  goarch,
		"filename":              zip,
		"download_url":          "/files/" + zip,
		"shasums_url":           "/files/" + g.r.checksumsName(),
		"shasums_signature_url": "/files/" + g.r.checksumsName() + ".sig",
		"shasum":                sum,
		"signing_keys": map[string]any{"gpg_public_keys": []map[string]any{{
			"key_id":          g.keyID,
			"ascii_armor":     g.publicKey,
			"trust_signature": "",
			"source":          "Chatzuri release-check",
			"source_url":      nil,
		}}},
	})
}

func (g *registry) file(w http.ResponseWriter, req *http.Request) {
	name := req.PathValue("name")
	if b, ok := g.replace[name]; ok {
		_, _ = w.Write(b)
		return
	}
	if strings.ContainsAny(name, `/\`) || strings.HasPrefix(name, ".") {
		http.NotFound(w, req)
		return
	}
	http.ServeFile(w, req, g.r.path(name))
}

// protocols are what the release's manifest declares: the registry reads
// them from the `_manifest.json` file of the GitHub release, which the
// release uploads from the committed terraform-registry-manifest.json
// (TestReleaseUploadsTheManifestUnderTheNameInTheChecksums).
func (g *registry) protocols() []string {
	raw, err := os.ReadFile(registryManifest)
	if err != nil {
		return nil
	}
	var m struct {
		Metadata struct {
			ProtocolVersions []string `json:"protocol_versions"`
		} `json:"metadata"`
	}
	_ = json.Unmarshal(raw, &m)
	return m.Metadata.ProtocolVersions
}

var sumsLine = regexp.MustCompile(`^([0-9a-f]{64})  (\S+)$`)

// sums reads the release's SHA256SUMS: file name to hex sha256.
func (g *registry) sums() map[string]string {
	raw, err := os.ReadFile(g.r.path(g.r.checksumsName()))
	if err != nil {
		return nil
	}
	sums := map[string]string{}
	for l := range strings.Lines(string(raw)) {
		if m := sumsLine.FindStringSubmatch(strings.TrimRight(l, "\n")); m != nil {
			sums[m[2]] = m[1]
		}
	}
	return sums
}

// platforms are the os_arch of every zip SHA256SUMS lists.
func (g *registry) platforms() []string {
	prefix := projectName + "_" + g.r.version + "_"
	var out []string
	for _, name := range slices.Sorted(maps.Keys(g.sums())) {
		if p, ok := strings.CutPrefix(name, prefix); ok && strings.HasSuffix(p, ".zip") {
			out = append(out, strings.TrimSuffix(p, ".zip"))
		}
	}
	return out
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	_ = json.NewEncoder(w).Encode(v)
}
