#!/usr/bin/env bash
# make release-check: checks the committed .goreleaser.yml with `goreleaser
# check`, builds a snapshot release from it for this machine's platform only,
# and has internal/release's test check what the Terraform Registry relies on:
# the zip and binary names, the SHA256SUMS file, the registry manifest and the
# version injected with -ldflags.
#
# Signing is skipped: it needs the release GPG key, which CI does not have.
# The `signs` step stays in .goreleaser.yml for real releases.
#
# goreleaser is built from tools/goreleaser/go.mod (a pinned version, through
# the Go module proxy) and cached by Go after the first run.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"
config=.goreleaser.yml

goreleaser() { "$GO" tool -modfile=tools/goreleaser/go.mod goreleaser "$@"; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

goreleaser check --config "$config"

# A release builds every OS and architecture in the config; this check builds
# only the host's. The derived config differs from the committed one in two
# places: the builds' goos and goarch lists hold only the host's values (which
# must be in the committed lists), and dist is a temporary directory.
host_os="$("$GO" env GOOS)"
host_arch="$("$GO" env GOARCH)"
if grep -q '^dist:' "$config"; then
	echo "release-check: $config sets dist; this script expects the default" >&2
	exit 1
fi
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
echo "dist: $tmp/dist" >>"$tmp/goreleaser.yml"

echo "==> goreleaser release --snapshot --skip=sign for ${host_os}/${host_arch} (a release builds every platform)"
goreleaser release --config "$tmp/goreleaser.yml" --snapshot --clean --skip=sign

CHATZURI_RELEASE_DIST="$tmp/dist" "$GO" test -count=1 ./internal/release
