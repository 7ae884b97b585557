#!/usr/bin/env bash
# make local-mirror MIRROR_DIR=<directory> [MIRROR_VERSION=0.1.0]: builds the
# provider into a filesystem_mirror under MIRROR_DIR, at a release-like
# MIRROR_VERSION, and writes MIRROR_DIR/terraformrc, a CLI configuration that installs chatzuri/chatzuri from
# that mirror and every other provider as usual. With it, `terraform init`
# (and `tofu init`) installs the local build beside other providers and
# records it in the lock file, which dev_overrides cannot do: there, init
# still asks the registry for chatzuri/chatzuri, and fails offline.
#
# The version must be a plain release version: Terraform refuses a pre-release
# such as 0.0.0-dev unless a configuration names it exactly. It must also
# meet the configurations' version constraints: the default, 0.1.0, meets the
# examples' "~> 0.1".
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

dir="${1:-}"
version="${2:-0.1.0}"
GO="${GO:-go}"

if [[ -z "$dir" ]]; then
	echo "local-mirror: name the directory to write, e.g. make local-mirror MIRROR_DIR=~/chatzuri-mirror" >&2
	exit 2
fi
if [[ ! "$version" =~ ^[0-9]+\.[0-9]+\.[0-9]+$ ]]; then
	echo "local-mirror: MIRROR_VERSION=$version is not a release version such as 0.1.0; Terraform would not select it" >&2
	exit 2
fi

mkdir -p "$dir"
dir="$(cd "$dir" && pwd)"
target="$("$GO" env GOOS)_$("$GO" env GOARCH)"
# Terraform resolves "chatzuri/chatzuri" on registry.terraform.io, OpenTofu
# on registry.opentofu.org: the build goes under both.
hosts=(registry.terraform.io registry.opentofu.org)

first=""
for host in "${hosts[@]}"; do
	pkg="$dir/$host/chatzuri/chatzuri/$version/$target"
	rm -rf "$pkg"
	mkdir -p "$pkg"
	if [[ -z "$first" ]]; then
		"$GO" build -trimpath -ldflags "-X main.version=$version" -o "$pkg/terraform-provider-chatzuri_v$version" .
		first="$pkg/terraform-provider-chatzuri_v$version"
	else
		cp "$first" "$pkg/"
	fi
done

cat >"$dir/terraformrc" <<CONFIG
# Written by make local-mirror: chatzuri/chatzuri $version from $dir,
# every other provider from its registry as usual.
provider_installation {
  filesystem_mirror {
    path    = "$dir"
    include = ["registry.terraform.io/chatzuri/chatzuri", "registry.opentofu.org/chatzuri/chatzuri"]
  }
  direct {
    exclude = ["registry.terraform.io/chatzuri/chatzuri", "registry.opentofu.org/chatzuri/chatzuri"]
  }
}
CONFIG

echo "local-mirror: chatzuri/chatzuri $version ($target) in $dir"
echo "local-mirror: export TF_CLI_CONFIG_FILE=$dir/terraformrc, then terraform init; after a rebuild, delete the configuration's .terraform.lock.hcl first (it holds the old build's checksum)"
