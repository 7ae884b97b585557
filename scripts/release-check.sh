#!/usr/bin/env bash
# make release-check: the release, installed the way a registry serves it.
#
# 1. `goreleaser check` on the committed .goreleaser.yml.
# 2. A snapshot release for this machine's platform, built from a config
#    derived from the committed one (below), and signed by its own `signs`
#    step with a throwaway GPG key this script generates (never a real key).
# 3. internal/release's tests: the names, checksums, manifest and version the
#    Terraform Registry relies on; then a provider registry on 127.0.0.1
#    (the registry protocol, over TLS with a throwaway CA passed to the CLI
#    through SSL_CERT_FILE), pointed to by a CLI configuration's host block,
#    from which `terraform init` installs `source = "chatzuri/chatzuri"`,
#    `version = "~> 0.1"`, checks the signature with the key the registry
#    lists, and records the lock file; `terraform apply` then reads from the
#    emulator. Two controls must make init fail: a signature made by another
#    key than the one served, and a zip whose checksum does not match.
#
# TERRAFORM names the CLI (default: terraform from PATH); it may be OpenTofu.
# OpenTofu verifies the signature only when the registry lists a key for a
# provider of registry.opentofu.org (OPENTOFU_ENFORCE_GPG_VALIDATION makes
# it verify even without one; see ShouldEnforceGPGValidationForProvider in
# its internal/getproviders/package_authentication.go, 1.12): this registry
# always lists the key, and the tests set the variable too.
#
# goreleaser is built from tools/goreleaser/go.mod (a pinned version, through
# the Go module proxy) and cached by Go after the first run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"
config=.goreleaser.yml
# The version the snapshot is built at: a release version that meets the
# README's and the examples' "~> 0.1" (a pre-release would not).
version="${RELEASE_CHECK_VERSION:-0.1.0}"

goreleaser() { "$GO" tool -modfile=tools/goreleaser/go.mod goreleaser "$@"; }

tmp="$(mktemp -d)"
cleanup() {
	for home in "$tmp"/gnupg-*; do
		[[ -d "$home" ]] && GNUPGHOME="$home" gpgconf --kill gpg-agent 2>/dev/null
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

goreleaser check --config "$config"
# The release workflow publishes the tag's CHANGELOG.md section as its notes.
bash scripts/release-notes.sh Unreleased >/dev/null

# A release builds every OS and architecture in the config; this check builds
# only the host's. The derived config differs from the committed one in two
# places: the builds' goos and goarch lists hold only the host's values (which
# must be in the committed lists), dist is a temporary directory, and the
# snapshot's version is $version.
host_os="$("$GO" env GOOS)"
host_arch="$("$GO" env GOARCH)"
for key in dist snapshot; do
	if grep -q "^$key:" "$config"; then
		echo "release-check: $config sets $key; this script expects the default" >&2
		exit 1
	fi
done
awk -v os="$host_os" -v arch="$host_arch" -v q="'" -v status="$tmp/derive.status" '
	# item: a list item without its dash, quotes and comment.
	function item(v) { sub(/^[ \t]*-[ \t]*/, "", v); sub(/[ \t]#.*$/, "", v); gsub(/[" \t]/, "", v); gsub(q, "", v); return v }
	# Inside a goos: or goarch: list, drop its items (noting whether the
	# value of the host is one of them) and its comments.
	list != "" && $0 ~ "^" indent " *- " {
		if (item($0) == (list == "goos" ? os : arch)) found[list]++
		next
	}
	list != "" && /^[ \t]*#/ { next }
	{ list = "" }
	/^ +(goos|goarch):[ \t]*$/ {
		list = $1; sub(/:$/, "", list)
		indent = $0; sub(/[^ ].*$/, "", indent)
		lists[list]++
		print indent list ": [\"" (list == "goos" ? os : arch) "\"]"
		next
	}
	{ print }
	END { printf "%d %d %d %d\n", lists["goos"], lists["goarch"], found["goos"], found["goarch"] > status }
' "$config" >"$tmp/goreleaser.yml"
read -r goos_lists goarch_lists goos_found goarch_found <"$tmp/derive.status"
if [ "$goos_lists" != 1 ] || [ "$goarch_lists" != 1 ]; then
	echo "release-check: expected one build with a goos and a goarch list in $config; update this script" >&2
	exit 1
fi
if [ "$goos_found" != 1 ] || [ "$goarch_found" != 1 ]; then
	echo "release-check: this machine's platform, ${host_os}/${host_arch}, is not in the goos and goarch lists of $config" >&2
	exit 1
fi
{
	echo "dist: $tmp/dist"
	echo "snapshot:"
	echo "  version_template: \"$version\""
} >>"$tmp/goreleaser.yml"

# Throwaway keys, each in a GNUPGHOME of its own: the release key signs
# through .goreleaser.yml's signs step, which reads GPG_FINGERPRINT; the other
# signs the same SHA256SUMS for the control. RSA 4096, as the Terraform
# Registry asks of a real key (RELEASING.md).
new_key() {
	local home="$tmp/gnupg-$1"
	mkdir -m 700 "$home"
	GNUPGHOME="$home" gpg --batch --quiet --pinentry-mode loopback --passphrase '' \
		--quick-gen-key "Chatzuri release-check $1 (throwaway) <release-check@chatzuri.invalid>" rsa4096 sign 1d 2>/dev/null
	GNUPGHOME="$home" gpg --batch --with-colons --list-keys 2>/dev/null | awk -F: '$1 == "fpr" { print $10; exit }'
}
echo "==> throwaway GPG keys (gpg $(gpg --version | head -n 1 | awk '{ print $3 }'))"
release_fpr="$(new_key release)"
other_fpr="$(new_key other)"
GNUPGHOME="$tmp/gnupg-release" gpg --batch --armor --export "$release_fpr" >"$tmp/release-key.asc"

echo "==> goreleaser release --snapshot for ${host_os}/${host_arch} at $version, signed by .goreleaser.yml's signs step (a release builds every platform)"
GNUPGHOME="$tmp/gnupg-release" GPG_FINGERPRINT="$release_fpr" \
	goreleaser release --config "$tmp/goreleaser.yml" --snapshot --clean

sums="$tmp/dist/terraform-provider-chatzuri_${version}_SHA256SUMS"
GNUPGHOME="$tmp/gnupg-other" gpg --batch --local-user "$other_fpr" --output "$tmp/other.sig" --detach-sign "$sums"

echo "==> internal/release: the release's files, then terraform init from a registry on 127.0.0.1 (${TERRAFORM:-terraform})"
# -v, and no test may skip: every test needs the release this script built.
CHATZURI_RELEASE_DIST="$tmp/dist" \
	CHATZURI_RELEASE_PUBLIC_KEY="$tmp/release-key.asc" \
	CHATZURI_RELEASE_OTHER_SIGNATURE="$tmp/other.sig" \
	OPENTOFU_ENFORCE_GPG_VALIDATION=true \
	"$GO" test -count=1 -v ./internal/release | tee "$tmp/test.out"
if grep -q -- '--- SKIP' "$tmp/test.out"; then
	echo "release-check: a test of internal/release skipped; every one must run here" >&2
	exit 1
fi
