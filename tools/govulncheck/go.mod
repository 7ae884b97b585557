// govulncheck, pinned, for make vulncheck: it reports the known
// vulnerabilities of the provider's dependencies that its code can reach.
// It reads the Go vulnerability database (vuln.go.dev), so it runs in the
// GitHub test workflow, not in make check. A module of its own, like
// tools/golangci-lint, so that no dependency version is shared.
//
//	run:     go tool -modfile=tools/govulncheck/go.mod govulncheck ./...
//	upgrade: cd tools/govulncheck && go get -tool golang.org/x/vuln/cmd/govulncheck@vX.Y.Z && go mod tidy

module github.com/chatzuri/terraform-provider-chatzuri/tools/govulncheck

go 1.26.8

tool golang.org/x/vuln/cmd/govulncheck

require (
	golang.org/x/mod v0.42.0 // indirect
	golang.org/x/sync v0.24.0 // indirect
	golang.org/x/sys v0.49.0 // indirect
	golang.org/x/telemetry v0.0.0-20261010193011-f71dc92da45e // indirect
	golang.org/x/tools v0.52.0 // indirect
	golang.org/x/vuln v1.9.0 // indirect
)
