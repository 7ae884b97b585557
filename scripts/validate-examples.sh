#!/usr/bin/env bash
# Checks every example under examples/: `terraform fmt -check`, then
# `terraform validate` against a freshly built provider, each file on its own
# and each directory as a whole. Works offline: dev_overrides points Terraform
# at the built binary, so no `terraform init` is needed (the examples use no
# other provider; terraform_data is built in).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"

if ! command -v terraform >/dev/null 2>&1; then
	echo "validate-examples: terraform is not on PATH; install the Terraform CLI and run again" >&2
	exit 1
fi

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$GO" build -trimpath -o "$tmp/bin/terraform-provider-chatzuri" .

cat >"$tmp/terraformrc" <<CONFIG
provider_installation {
  dev_overrides {
    "chatzuri/chatzuri" = "$tmp/bin"
  }
  direct {}
}
CONFIG
export TF_CLI_CONFIG_FILE="$tmp/terraformrc"
export CHECKPOINT_DISABLE=1
export TF_IN_AUTOMATION=1
while IFS= read -r name; do
	unset "$name"
done < <(compgen -e | grep '^TF_CLI_ARGS' || true)

terraform fmt -check -recursive -diff examples/

# Examples other than the provider's leave out the terraform block, as the
# registry pages do; without it Terraform would look for hashicorp/chatzuri.
versions='terraform {
  required_providers {
    chatzuri = {
      source = "chatzuri/chatzuri"
    }
  }
}'

# validate_dir DIR: runs terraform validate in DIR, adding the terraform block
# when no file there has one.
validate_dir() {
	if ! grep -qs required_providers "$1"/*.tf; then
		printf '%s\n' "$versions" >"$1/zz_versions.tf"
	fi
	(cd "$1" && terraform validate -no-color >"$tmp/validate.log" 2>&1) || {
		cat "$tmp/validate.log" >&2
		return 1
	}
}

checked=0
n=0
while IFS= read -r dir; do
	n=$((n + 1))
	whole="$tmp/work/$n/all"
	mkdir -p "$whole"
	cp "$dir"/*.tf "$whole/"
	validate_dir "$whole" || { echo "validate-examples: $dir fails as a whole" >&2; exit 1; }
	for file in "$dir"/*.tf; do
		one="$tmp/work/$n/$(basename "$file" .tf)"
		mkdir -p "$one"
		cp "$file" "$one/"
		validate_dir "$one" || { echo "validate-examples: $file fails on its own" >&2; exit 1; }
		checked=$((checked + 1))
	done
done < <(find examples -name '*.tf' -exec dirname {} \; | sort -u)

tf_version="$(terraform version)"
echo "validate-examples: $checked files in $n directories pass terraform fmt -check and terraform validate (${tf_version%%$'\n'*})"
