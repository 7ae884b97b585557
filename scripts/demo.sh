#!/usr/bin/env bash
# make demo: build the provider, serve the Chatzuri emulator on 127.0.0.1,
# apply examples/demo with the Terraform CLI through a dev_overrides CLI
# config in a temporary directory, print the leads and conversations it read
# and the team's agents with their lead counts (chatzuri_lead_counts),
# and clean up.
# Needs only Go and the Terraform CLI; never touches ~/.terraformrc.
# TERRAFORM names the CLI to run (default: terraform on PATH), such as
# TERRAFORM=/path/to/tofu for OpenTofu.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
terraform="${TERRAFORM:-terraform}"
command -v "$terraform" >/dev/null ||
  { echo "make demo needs the Terraform CLI: $terraform is not a command; install it, or set TERRAFORM=/path/to/terraform (or tofu)" >&2; exit 1; }
terraform=$(command -v "$terraform")
export CHECKPOINT_DISABLE=1 # no version check over the network
# The version, without the CLI configuration: this user's may warn, and the
# demo writes its own below.
cli_version=$(TF_CLI_CONFIG_FILE=/dev/null "$terraform" version)
echo "==> Using $terraform: ${cli_version%%$'\n'*}"

work=$(mktemp -d)
emulator_pid=""
cleanup() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
  fi
  rm -rf "$work"
}
trap cleanup EXIT

echo "==> Building the provider and the emulator"
go build -o "$work/bin/terraform-provider-chatzuri" "$root"
go build -o "$work/chatzuri-emulator" "$root/cmd/chatzuri-emulator"

echo "==> Starting the Chatzuri emulator on 127.0.0.1"
"$work/chatzuri-emulator" -addr 127.0.0.1:0 -api-key demo-key -url-file "$work/url" 2>"$work/emulator.log" &
emulator_pid=$!
for _ in $(seq 100); do
  [ -s "$work/url" ] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$work/emulator.log" >&2; exit 1; }
  sleep 0.1
done
[ -s "$work/url" ] || { echo "the emulator did not start" >&2; exit 1; }
base_url=$(cat "$work/url")
echo "    serving $base_url"

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "chatzuri/chatzuri" = "$work/bin"
  }
  direct {}
}
RC
mkdir "$work/config"
cp "$root/examples/demo/main.tf" "$work/config/"

export TF_CLI_CONFIG_FILE="$work/terraformrc"
export CHATZURI_API_KEY=demo-key
export CHATZURI_BASE_URL="$base_url"
unset TF_DATA_DIR TF_WORKSPACE

# The apply's own listing of the outputs would print each table twice more
# (as the plan's changes and as the apply's outputs): they are left out, and
# each table printed once below. All the rest is shown, and on a failure
# everything the CLI printed.
echo "==> $(basename "$terraform") apply (examples/demo/main.tf)"
if ! "$terraform" -chdir="$work/config" apply -auto-approve -input=false -no-color -compact-warnings >"$work/apply.log" 2>&1; then
  cat "$work/apply.log" >&2
  exit 1
fi
awk '/^Changes to Outputs:/ || /^Outputs:/ { skip = 1 } /^Apply complete!/ { skip = 0 } !skip' "$work/apply.log"
echo "==> The leads Terraform read from agent agt_demo"
"$terraform" -chdir="$work/config" output -raw leads_table
echo
echo
echo "==> The conversations Terraform read from agent agt_demo, by source"
summary=$("$terraform" -chdir="$work/config" output -raw conversations_summary)
echo "$summary"
if grep -q '^- ' <<<"$summary"; then
  echo "(- counts the conversations whose source the API sent as null; Unspecified is a source the API names itself.)"
fi
echo
echo "==> The newest conversation's messages"
"$terraform" -chdir="$work/config" output -raw newest_conversation
echo
echo
echo "==> The team's agents and their lead counts"
"$terraform" -chdir="$work/config" output -raw agents_table
echo
echo
echo "Done: the emulator is stopped and $work is removed."
