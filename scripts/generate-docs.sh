#!/usr/bin/env bash
# Regenerates docs/ from templates/, examples/ and the provider's schema.
#
# Works offline: tfplugindocs builds the provider into a plugin directory and
# runs `terraform init -plugin-dir`, which installs from that directory and
# never asks the registry. The only network use is the Go module proxy, for
# modules missing from the local cache.
#
# Terraform must be on PATH: without it tfplugindocs would download the latest
# release, which fails offline and makes the output depend on the day.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"

if ! command -v terraform >/dev/null 2>&1; then
	echo "generate-docs: terraform is not on PATH; install the Terraform CLI and run again" >&2
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Keep the user's Terraform CLI configuration and arguments out of the run:
# an empty CLI config, no plugin cache, no extra arguments, no version check.
: >"$tmp/terraformrc"
export TF_CLI_CONFIG_FILE="$tmp/terraformrc"
export CHECKPOINT_DISABLE=1
unset TF_PLUGIN_CACHE_DIR
while IFS= read -r name; do
	unset "$name"
done < <(compgen -e | grep '^TF_CLI_ARGS' || true)

# TMPDIR keeps tfplugindocs' own temporary directories inside $tmp, so they go
# even when the run is interrupted.
if ! TMPDIR="$tmp" "$GO" tool tfplugindocs generate --provider-name chatzuri >"$tmp/tfplugindocs.log" 2>&1; then
	cat "$tmp/tfplugindocs.log" >&2
	echo "generate-docs: tfplugindocs failed (output above)" >&2
	exit 1
fi

# The lists are lists of objects, whose fields tfplugindocs lists without
# descriptions; cmd/docs-fields writes them in from the lists' declarations.
"$GO" run ./cmd/docs-fields docs

# Not `terraform version | head -n 1`: head closing the pipe early kills
# terraform with SIGPIPE, which pipefail turns into a failure.
tf_version="$(terraform version)"
mapfile -t files < <(find docs -type f)
echo "generate-docs: wrote ${#files[@]} files to docs/ from templates/ and examples/ (${tf_version%%$'\n'*})"
