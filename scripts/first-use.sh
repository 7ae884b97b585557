#!/usr/bin/env bash
# scripts/first-use.sh NAME [MODFILE]: says, before a pinned tool runs, that
# Go must build it first. `go tool` builds a tool from source on its first use
# (golangci-lint takes minutes on two cores) and prints nothing meanwhile;
# once built, Go's build cache holds it and this prints nothing.
#
# MODFILE is the go.mod that pins NAME: tools/NAME/go.mod by default.
#
# How it knows, in well under a second: `go build -n` lists the steps a build
# would run without running them. For a tool whose packages are in the build
# cache it lists one compile step, its main package's; for one not yet built,
# one per package. With GOPROXY=off, a tool whose modules are not downloaded
# yet fails the listing at once instead of downloading them.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"
name=$1
modfile=${2:-tools/$name/go.mod}

# The tool's package: the go.mod's tool whose name go tool runs it by (the
# last path element, or the one before a major version suffix such as /v2).
pkg=$(awk -v name="$name" '$1 == "tool" {
	n = split($2, part, "/")
	if (part[n] == name || (part[n] ~ /^v[0-9]+$/ && part[n-1] == name)) print $2
}' "$modfile")
if [ -z "$pkg" ]; then
	echo "first-use: $modfile has no tool named $name" >&2
	exit 1
fi

if plan=$(GOPROXY=off "$GO" build -n -modfile="$modfile" -o /dev/null "$pkg" 2>&1) &&
	[ "$(grep -c '/compile ' <<<"$plan")" -le 1 ]; then
	exit 0
fi
echo "==> Building $name from source ($modfile) for its first use: this can take minutes, once; Go caches it for later runs"
