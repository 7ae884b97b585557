// Package release has no code of its own. Its tests check a release that
// goreleaser built from .goreleaser.yml against what the Terraform Registry
// expects; scripts/release-check.sh (make release-check) builds one and runs
// them. Without a build they skip.
package release
