#!/usr/bin/env bash
# make demo: build the provider, serve the Chatzuri emulator on 127.0.0.1,
# apply examples/demo with the Terraform CLI through a dev_overrides CLI
# config in a temporary directory, print the leads and conversations it read
# and the team's agents with their lead counts (chatzuri_lead_counts),
# and clean up.
# Needs only Go and the Terraform CLI; never touches ~/.terraformrc.
set -euo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
command -v terraform >/dev/null || { echo "make demo needs the terraform CLI on PATH" >&2; exit 1; }

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

echo "==> terraform apply (examples/demo/main.tf)"
terraform -chdir="$work/config" apply -auto-approve -input=false -no-color -compact-warnings

echo
echo "==> The leads Terraform read from agent agt_demo"
terraform -chdir="$work/config" output -raw leads_table
echo
echo
echo "==> The conversations Terraform read from agent agt_demo, by source"
terraform -chdir="$work/config" output -raw conversations_summary
echo
echo
echo "==> The newest conversation's messages"
terraform -chdir="$work/config" output -raw newest_conversation
echo
echo
echo "==> The team's agents and their lead counts"
terraform -chdir="$work/config" output -raw agents_table
echo
echo
echo "Done: the emulator is stopped and $work is removed."
