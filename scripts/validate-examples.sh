#!/usr/bin/env bash
# make examples-check: checks every example under examples/ with a freshly
# built provider, each directory as a whole and each file on its own:
#   1. `terraform fmt -check`;
#   2. `terraform validate`;
#   3. `terraform apply` against the local emulator (cmd/chatzuri-emulator on
#      127.0.0.1, whose agents hold nulls, absent fields and empty lists), then
#      a check that every output the example declares has a value, and that
#      the outputs listed under "expect" below hold what the emulator serves;
#   4. `terraform test` on every module with a tests/ directory (under
#      examples/modules/), whose tests mock the provider: no emulator, no key;
#   5. the examples with a check block again, against data that ends today,
#      and the every-agents example again against the emulator answering as
#      the live API may (a rate limit, failures, short pages and POST), as the
#      testing guide's pipeline test does: the same counts, and a log that
#      accounts for every retry.
# New examples need nothing here: every .tf file under examples/ is applied.
#
# Works offline and leaves the user's Terraform setup alone: dev_overrides in
# a CLI config in a temporary directory points Terraform at the built binary,
# so no `terraform init` is needed (the examples use no other provider;
# terraform_data is built in), and every run is in a temporary directory.
# Prints one line per apply and a summary line; a failure prints Terraform's
# output for the example that failed.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"

# TERRAFORM names the CLI to check the examples with (default: terraform on
# PATH), such as TERRAFORM=/path/to/tofu; every `terraform` below runs it.
terraform_bin="${TERRAFORM:-terraform}"
if ! command -v "$terraform_bin" >/dev/null 2>&1; then
	echo "examples-check: $terraform_bin is not a command; install the Terraform CLI, or set TERRAFORM=/path/to/terraform (or tofu), and run again" >&2
	exit 1
fi
terraform_bin="$(command -v "$terraform_bin")"
terraform() { "$terraform_bin" "$@"; }

tmp="$(mktemp -d)"
emulator_pids=()
variant_pids=()
cleanup() {
	local pid
	for pid in "${variant_pids[@]}" "${emulator_pids[@]}"; do
		kill "$pid" 2>/dev/null || true
		wait "$pid" 2>/dev/null || true
	done
	rm -rf "$tmp"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

"$GO" build -trimpath -o "$tmp/bin/terraform-provider-chatzuri" .
"$GO" build -trimpath -o "$tmp/chatzuri-emulator" ./cmd/chatzuri-emulator

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
unset TF_DATA_DIR TF_WORKSPACE TF_PLUGIN_CACHE_DIR
while IFS= read -r name; do
	unset "$name"
done < <(compgen -e | grep -E '^(TF_CLI_ARGS|TF_VAR_|CHATZURI_)' || true)

tf_version="$(terraform version)"
echo "examples-check: using $terraform_bin (${tf_version%%$'\n'*})"

terraform fmt -check -recursive -diff examples/

# start_emulator NAME FLAG...: starts the emulator with its demo agents and
# key and the flags given, logging to $tmp/NAME.log, and sets emulator_url
# to its base URL once it listens.
start_emulator() {
	local name=$1 pid
	shift
	"$tmp/chatzuri-emulator" -addr 127.0.0.1:0 -api-key demo-key -url-file "$tmp/$name.url" "$@" 2>"$tmp/$name.log" &
	pid=$!
	emulator_pids+=("$pid")
	for _ in $(seq 100); do
		[ -s "$tmp/$name.url" ] && break
		kill -0 "$pid" 2>/dev/null || { cat "$tmp/$name.log" >&2; exit 1; }
		sleep 0.1
	done
	[ -s "$tmp/$name.url" ] || { echo "examples-check: the emulator ($name) did not start" >&2; exit 1; }
	emulator_url="$(cat "$tmp/$name.url")"
}

# The emulator, with its demo agents and key. Its start line names each agent
# with its lead and conversation counts, which the expectations below use.
start_emulator emulator
export CHATZURI_API_KEY=demo-key
CHATZURI_BASE_URL="$emulator_url"
export CHATZURI_BASE_URL
# examples/provider/provider.tf takes the key as a variable.
export TF_VAR_chatzuri_api_key=demo-key
# The CRM webhook example pushes to the emulator's stand-in for one.
export TF_VAR_crm_webhook_url="${CHATZURI_BASE_URL%/api/v1}/_emulator/webhook"

# stat NAME [EMULATOR]: a number from the stats of the emulator that
# start_emulator started as EMULATOR (by default, the plain one).
stat() {
	local url
	url="$(cat "$tmp/${2:-emulator}.url")"
	curl -fsS "${url%/api/v1}/_emulator/stats" | sed -n "s/.*\"$1\":\([0-9]*\).*/\1/p"
}

# served AGENT leads|conversations: how many the emulator serves the agent.
served() {
	local n
	n="$(sed -n "s/.* $1 (\([0-9]*\) leads, \([0-9]*\) conversations).*/\1 \2/p" "$tmp/emulator.log")"
	[ -n "$n" ] || { echo "examples-check: the emulator's start line does not name agent $1" >&2; exit 1; }
	case $2 in
	leads) echo "${n% *}" ;;
	conversations) echo "${n#* }" ;;
	esac
}

# Every lead of every agent: applied with the others, and again against the
# emulator's variants below.
every_agents=examples/data-sources/chatzuri_agents/data-source-every-agents-leads.tf

# What some outputs must hold, as "FILE OUTPUT REGEX": after FILE is applied,
# on its own or with its directory, `terraform output -json OUTPUT` matches
# the extended regular expression REGEX. Values are never printed.
expect=(
	"examples/data-sources/chatzuri_leads/data-source.tf lead_count ^$(served agt_demo leads)\$"
	"examples/data-sources/chatzuri_conversations/data-source.tf conversation_count ^$(served agt_demo conversations)\$"
	"examples/data-sources/chatzuri_conversations/sensitive-output.tf transcripts ^\\{.*\"user: "
	"examples/data-sources/chatzuri_leads/sensitive-output.tf lead_contacts ^\\[\\{"
	"examples/demo/main.tf lead_count ^$(served agt_demo leads)\$"
	"examples/demo/main.tf conversations_summary total +$(served agt_demo conversations)\"\$"
	"examples/demo/main.tf agents_table agt_sales +Sales \\(WhatsApp\\) +[0-9T:-]+ +$(served agt_sales leads) +[0-9]{4}-[0-9]{2}-[0-9]{2}"
	"examples/demo/main.tf agents_table agt_empty +Onboarding \\(new\\) +[0-9T:-]+ +0 +-"
	"examples/data-sources/chatzuri_lead_counts/data-source.tf lead_dashboard total +$(served agt_demo leads)\"\$"
	"examples/data-sources/chatzuri_conversation_counts/data-source.tf conversations_by_source \"WhatsApp\":[0-9]+"
	"examples/modules/lead-report/main.tf lead_count ^$(served agt_demo leads)\$"
	"examples/modules/lead-report/main.tf agent_name ^\"Support \\(web\\)\"\$"
	"examples/functions/utc_day/function.tf late_evening_in_brazil ^\"2026-01-02\"\$"
	"examples/functions/utc_day/function.tf undated_leads ^0\$"
	"examples/demo/main.tf newest_conversation \"[^\"]+, 2026-[0-9-]+T[0-9:]+, .*, [0-9]+ messages:"
	"$every_agents team_lead_count ^$(($(served agt_demo leads) + $(served agt_sales leads) + $(served agt_empty leads)))\$"
	"$every_agents lead_count_by_agent \\(agt_demo\\)\":$(served agt_demo leads)[,}]"
	"$every_agents lead_count_by_agent \\(agt_sales\\)\":$(served agt_sales leads)[,}]"
	"$every_agents lead_count_by_agent \\(agt_empty\\)\":$(served agt_empty leads)[,}]"
)

# Examples other than the provider's leave out the terraform block, as the
# registry pages do; without it Terraform would look for hashicorp/chatzuri.
versions='terraform {
  required_providers {
    chatzuri = {
      source = "chatzuri/chatzuri"
    }
  }
}'

# fail DIR MESSAGE: prints Terraform's log for DIR and MESSAGE, and fails.
fail() {
	cat "$1/terraform.log" >&2 2>/dev/null || true
	echo "examples-check: $2" >&2
	exit 1
}

# prepare DIR FILE...: copies the files into the new directory DIR, adding
# the terraform block when no file has one.
prepare() {
	local dir=$1
	shift
	mkdir -p "$dir"
	cp "$@" "$dir/"
	if ! grep -qs required_providers "$dir"/*.tf; then
		printf '%s\n' "$versions" >"$dir/zz_versions.tf"
	fi
}

# validate DIR NAME: terraform validate.
validate() {
	terraform -chdir="$1" validate -no-color >"$1/terraform.log" 2>&1 || fail "$1" "$2 fails terraform validate"
}

# check_outputs DIR NAME FILE...: after an apply in DIR, every output FILE...
# declare has a value, and those listed in expect hold what the emulator
# serves.
check_outputs() {
	local dir=$1 name=$2 file output regex rule value
	shift 2
	for file in "$@"; do
		# Every output the file declares has a value: an output whose
		# value is null is left out of the state, and so of this list.
		while IFS= read -r output; do
			terraform -chdir="$dir" output -json "$output" >/dev/null 2>&1 ||
				fail "$dir" "$name: output $output has no value after terraform apply"
		done < <(sed -n 's/^output "\([^"]*\)".*/\1/p' "$file")
		for rule in "${expect[@]}"; do
			read -r rule_file output regex <<<"$rule"
			[ "$rule_file" = "$file" ] || continue
			value="$(terraform -chdir="$dir" output -json "$output" 2>/dev/null)" ||
				fail "$dir" "$name: output $output has no value after terraform apply"
			grep -Eq -- "$regex" <<<"$value" ||
				fail "$dir" "$name: output $output is not what the emulator serves (expected to match $regex; the value is not shown)"
		done
	done
}

applies=0
# apply DIR NAME FILE...: terraform apply in DIR, then the output checks for
# the outputs FILE... declare.
apply() {
	local dir=$1 name=$2 file deliveries
	shift 2
	deliveries="$(stat webhook_deliveries)"
	terraform -chdir="$dir" apply -auto-approve -input=false -no-color -compact-warnings >"$dir/terraform.log" 2>&1 ||
		fail "$dir" "$name fails terraform apply against the emulator"
	for file in "$@"; do
		# An example that pushes leads to the webhook pushed each of them.
		if grep -q crm_webhook_url "$file"; then
			[ "$(stat webhook_deliveries)" = "$((deliveries + 1))" ] ||
				fail "$dir" "$name: terraform apply did not push the leads to the webhook once"
			[ "$(stat webhook_last_items)" = "$(served agt_demo leads)" ] ||
				fail "$dir" "$name: the webhook got $(stat webhook_last_items) leads, not the $(served agt_demo leads) the emulator serves"
		fi
		# A check block's alert fires: the emulator's leads are from January
		# 2026, so an agent's last 7 days hold none (see the -data-ends run
		# below for the same check staying quiet).
		if grep -q '^check "' "$file"; then
			grep -q "Check block assertion failed" "$dir/terraform.log" ||
				fail "$dir" "$name: the check block did not warn about an agent with no recent lead"
		fi
	done
	check_outputs "$dir" "$name" "$@"
	applies=$((applies + 1))
	echo "examples-check: applied $name"
}

# The every-agents example again, against emulators that answer as the live
# API may, as the testing guide's pipeline test does: the counts must be the
# plain emulator's, and the provider's DEBUG log must show how it got them.
# Each variant has an emulator of its own and runs in the background while the
# examples below are checked: it spends its time waiting (on the rate limit's
# window, on retries' backoff), not computing. They are checked at the end.
#
# start_variant NAME FLAG... [-- APPLY_ARG...]: starts an emulator NAME with
# FLAG..., and applies $every_agents against it in $tmp/variant/NAME, with
# the provider's DEBUG log in chatzuri.log there, within 3 minutes.
start_variant() {
	local name=$1 dir="$tmp/variant/$1" flags=()
	shift
	while [ $# -gt 0 ] && [ "$1" != -- ]; do
		flags+=("$1")
		shift
	done
	[ $# -gt 0 ] && shift
	start_emulator "$name" "${flags[@]}"
	prepare "$dir" "$every_agents"
	echo "${flags[*]}" >"$dir/flags"
	CHATZURI_BASE_URL="$emulator_url" TF_LOG_PROVIDER=DEBUG TF_LOG_PATH="$dir/chatzuri.log" \
		timeout 180 "$terraform_bin" -chdir="$dir" apply -auto-approve -input=false -no-color -compact-warnings "$@" >"$dir/terraform.log" 2>&1 &
	variant_pids+=("$!")
}

# A rate limit the read cannot stay under (its 30-odd requests need two
# windows), with the rate-limit headers: the provider paces itself by them,
# so it meets at most a couple of 429s, where without them it meets a burst.
rate_limit=20/2s
start_variant rate-limit -rate-limit "$rate_limit"
# One answer in five is 500 or 503, and each is retried. Which answers fail
# is decided by the seed and the request's number alone. With one request at
# a time (CHATZURI_MAX_CONCURRENT_REQUESTS=1, -parallelism=1) the run is then
# the same on every machine, however busy: the same requests fail (today 5 of
# its 24), and each retry takes the next number, so a read gives up only on 5
# failures in a row (max_retries is 4 by default), which seed 19's first 100
# numbers never hold (cmd/chatzuri-emulator's tests hold that). With requests
# in parallel, which request meets which failure changes from run to run.
CHATZURI_MAX_CONCURRENT_REQUESTS=1 start_variant fail-rate -fail-rate 0.2 -fail-seed 19 -- -parallelism=1
# Short pages and POST only: the provider asks 100 a page, reads the 25 it
# gets to the end, and asks again with POST when GET is refused.
start_variant pages-by-post -max-page-size 25 -method POST

checked=0
n=0
while IFS= read -r dir; do
	n=$((n + 1))
	files=("$dir"/*.tf)
	whole="$tmp/work/$n/all"
	prepare "$whole" "${files[@]}"
	validate "$whole" "$dir"
	for file in "${files[@]}"; do
		one="$tmp/work/$n/$(basename "$file" .tf)"
		prepare "$one" "$file"
		validate "$one" "$file on its own"
		checked=$((checked + 1))
	done
	if [ "${#files[@]}" -gt 1 ]; then
		apply "$whole" "$dir (${#files[@]} files together)" "${files[@]}"
	fi
	for file in "${files[@]}"; do
		apply "$tmp/work/$n/$(basename "$file" .tf)" "$file" "$file"
	done
done < <(find examples -name '*.tf' -exec dirname {} \; | sort -u)

# The checks again, against an emulator whose data ends today
# (-data-ends today): each agent has leads in its last 7 days, so a check
# that fired above must stay quiet, as it does for a user whose agents work.
quiet=0
start_emulator data-ends-today -data-ends today
while IFS= read -r file; do
	dir="$tmp/data-ends-today/$(basename "$file" .tf)"
	prepare "$dir" "$file"
	CHATZURI_BASE_URL="$emulator_url" terraform -chdir="$dir" apply -auto-approve -input=false -no-color -compact-warnings >"$dir/terraform.log" 2>&1 ||
		fail "$dir" "$file fails terraform apply against the emulator with -data-ends today"
	! grep -q "Check block assertion failed" "$dir/terraform.log" ||
		fail "$dir" "$file: the check block warned against data that ends today"
	quiet=$((quiet + 1))
	echo "examples-check: the check in $file stays quiet with -data-ends today"
done < <(grep -l '^check "' $(find examples -name '*.tf' | sort))

# terraform test on each module with tests, in a copy of the module: the
# tests mock the provider (mock_provider), and dev_overrides gives Terraform
# the built provider's schema, so no terraform init is needed. The mocks
# must not reach the emulator: its key and URL are taken away.
tested=0
while IFS= read -r dir; do
	copy="$tmp/test/$dir"
	mkdir -p "$copy"
	cp -R "$dir"/. "$copy"/
	env -u CHATZURI_API_KEY -u CHATZURI_BASE_URL "$terraform_bin" -chdir="$copy" test -no-color >"$copy/terraform.log" 2>&1 ||
		fail "$copy" "$dir fails terraform test with the mocked provider"
	tested=$((tested + 1))
	echo "examples-check: terraform test passes on $dir ($(grep -Eo '[0-9]+ passed, [0-9]+ failed' "$copy/terraform.log"))"
done < <(find examples -type d -name tests -exec dirname {} \; | sort)

# The variants started before the examples: each apply passed with the
# plain emulator's counts, and the provider's log accounts for what the
# emulator did.
# retries NAME [REASON]: how many retries the variant's log holds, for the
# reason REASON (an extended regular expression, such as status=429) or any.
retries() {
	grep 'chatzuri: retrying request' "$tmp/variant/$1/chatzuri.log" | grep -Ec -- "reason=${2:-.}" || true
}
variants=()
i=0
for name in rate-limit fail-rate pages-by-post; do
	dir="$tmp/variant/$name"
	what="$every_agents against the emulator with $(cat "$dir/flags")"
	wait "${variant_pids[$i]}" || fail "$dir" "$what fails terraform apply, or did not end within 3 minutes"
	i=$((i + 1))
	check_outputs "$dir" "$what" "$every_agents"
	case $name in
	rate-limit)
		requests="$(stat requests "$name")" limited="$(stat rate_limited "$name")"
		[ "$requests" -gt "${rate_limit%%/*}" ] ||
			fail "$dir" "$what: the read made $requests requests, which one window of the limit allows: it proves nothing"
		[ "$(retries "$name")" = "$limited" ] ||
			fail "$dir" "$what: the log holds $(retries "$name") retries, for $limited answers 429 and no other failure"
		[ "$limited" -le 2 ] ||
			fail "$dir" "$what: the read met $limited answers 429; paced by the rate-limit headers, it meets at most a couple"
		result="$requests requests, $limited answered 429"
		;;
	fail-rate)
		faulted="$(stat faulted "$name")"
		[ "$faulted" -ge 1 ] || fail "$dir" "$what: no answer failed, so the run proves nothing"
		[ "$(retries "$name" 'status=50[03]')" = "$faulted" ] && [ "$(retries "$name")" = "$faulted" ] ||
			fail "$dir" "$what: the log holds $(retries "$name") retries, for $faulted answers 500 or 503"
		result="$faulted of $(stat requests "$name") answers were 500 or 503, and the log holds a retry for each"
		;;
	pages-by-post)
		answered="$(grep 'chatzuri: what the API answered' "$dir/chatzuri.log")" ||
			fail "$dir" "$what: the log has no line 'chatzuri: what the API answered'"
		grep -Eq 'page_size_served=25( |$)' <<<"$answered" && ! grep -Eq 'page_size_served=(2[6-9]|[3-9][0-9]|[0-9]{3,})' <<<"$answered" ||
			fail "$dir" "$what: the log does not show pages of at most 25 served: $answered"
		grep -q 'method="POST after 405 to GET"' <<<"$answered" && ! grep -q 'method=GET' <<<"$answered" ||
			fail "$dir" "$what: the log does not show every list read by POST after a 405 to GET: $answered"
		result="pages of 25, by POST after a 405 to GET"
		;;
	esac
	variants+=("$(cat "$dir/flags")")
	echo "examples-check: applied $every_agents against the emulator with $(cat "$dir/flags"): the same counts; $result"
done

echo "examples-check: $checked files in $n directories pass terraform fmt -check and terraform validate, $applies applies against the emulator, $quiet checks quiet against data that ends today, ${#variants[@]} applies against the emulator's variants, and $tested modules' terraform test pass (${tf_version%%$'\n'*})"
