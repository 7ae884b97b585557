// Package release has no code of its own. Its tests check a release that
// goreleaser built and signed from .goreleaser.yml against what the
// Terraform Registry expects, then install it as a user would: terraform
// init from a provider registry on 127.0.0.1, its signature checked, then
// apply against the emulator. scripts/release-check.sh (make release-check)
// builds the release, signs it with a throwaway key and runs them; without
// a build they skip.
package release
