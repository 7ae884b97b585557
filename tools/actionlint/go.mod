// actionlint, pinned, for make lint: it checks the GitHub Actions workflows
// in .github/workflows, which cannot run on this machine. A module of its
// own, like tools/golangci-lint, so that no dependency version is shared.
//
//	run:     go tool -modfile=tools/actionlint/go.mod actionlint
//	upgrade: cd tools/actionlint && go get -tool github.com/rhysd/actionlint/cmd/actionlint@vX.Y.Z && go mod tidy

module github.com/chatzuri/terraform-provider-chatzuri/tools/actionlint

go 1.26.8

tool github.com/rhysd/actionlint/cmd/actionlint

require (
	github.com/bmatcuk/doublestar/v4 v4.10.0 // indirect
	github.com/clipperhouse/uax29/v2 v2.7.0 // indirect
	github.com/fatih/color v1.19.0 // indirect
	github.com/mattn/go-colorable v0.1.14 // indirect
	github.com/mattn/go-isatty v0.0.20 // indirect
	github.com/mattn/go-runewidth v0.0.21 // indirect
	github.com/mattn/go-shellwords v1.0.12 // indirect
	github.com/rhysd/actionlint v1.7.12 // indirect
	github.com/robfig/cron/v3 v3.0.1 // indirect
	go.yaml.in/yaml/v4 v4.0.0-rc.3 // indirect
	golang.org/x/sync v0.20.0 // indirect
	golang.org/x/sys v0.42.0 // indirect
)
