#!/usr/bin/env bash
# make bench: the performance of the provider's lists, in three parts.
#   1. In-process read (client, encoding, state) of 1,000 / 10,000 / 100,000
#      leads and 1,000 / 10,000 / 50,000 conversations at 0 ms and 50 ms per
#      request, one page at a time and at the default concurrency, side by
#      side (go test -bench).
#   2. End to end: terraform apply of 10,000 and 100,000 leads (and 100,000
#      with fields = ["id", "created_at"]) and of 10,000 and 50,000
#      conversations at 50 ms per request, median of 5: wall time, the
#      provider's peak RSS and CPU, and beside each the same read done with
#      data "http" + jsondecode when CHATZURI_BENCH_HTTP_PROVIDER is set.
#   3. Ten chatzuri_leads data sources against one emulator: the most
#      requests the emulator ever had in flight at once.
#   4. The whole team: chatzuri_agents, then chatzuri_leads for each of 20
#      agents with 5,000 leads each, in one terraform apply: requests, the
#      most in flight, and how close the reads came to the request budget's
#      floor. `bash scripts/bench.sh agents` runs this part alone.
#   5. Counts: chatzuri_lead_counts of 100,000 leads end to end beside the
#      list read grouped by day in HCL (fields = ["id", "created_at"]), at
#      the latency above, median of 3; then 2,000,000 leads counted, once, at
#      0 ms, with the provider's peak RSS. `bash scripts/bench.sh counts`
#      runs this part alone.
#   6. Under a rate limit: 1,200 leads read ten a page (121 pages) under a
#      sliding window of 20 requests per 2 s, with the emulator sending the
#      rate-limit headers and without them, side by side: wall time against
#      the floor the window allows, and the 429s met. `bash scripts/bench.sh
#      ratelimit` runs this part alone.
# The emulator runs as its own process on 127.0.0.1. Takes about 8 minutes
# on 2 cores (more with the data "http" rows). Knobs:
#   CHATZURI_BENCH_LATENCY=100ms   the per-request latency in place of 50 ms
#   CHATZURI_BENCH_CONCURRENCY=1,4,8,16   the concurrencies compared in part 1
#   CHATZURI_BENCH_HTTP_PROVIDER=/path/to/terraform-provider-http   adds the
#     data "http" rows to part 2 (build it from hashicorp/terraform-provider-http;
#     nothing in this repository fetches or builds it)
#   CHATZURI_BENCH_TERRAFORM=/path/to/terraform   the CLI every part runs, in
#     place of terraform on PATH (a tofu binary works too)
#   CHATZURI_BENCH_CLIS="/path/to/terraform /path/to/tofu ..."   for
#     `bash scripts/bench.sh clis`, which runs only the end-to-end leads rows
#     of part 2 once with each CLI, side by side against one emulator
set -euo pipefail

only=${1:-all}
case "$only" in
  all | agents | counts | clis | ratelimit) ;;
  *) echo "usage: $0 [agents | counts | clis | ratelimit]" >&2; exit 2 ;;
esac

latency=${CHATZURI_BENCH_LATENCY:-50ms}
export CHATZURI_BENCH_LATENCY=$latency

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
tf=${CHATZURI_BENCH_TERRAFORM:-terraform}
command -v "$tf" >/dev/null || { echo "make bench needs the terraform CLI on PATH, or CHATZURI_BENCH_TERRAFORM" >&2; exit 1; }
if [ "$only" = clis ] && [ -z "${CHATZURI_BENCH_CLIS:-}" ]; then
  echo "bench.sh clis: set CHATZURI_BENCH_CLIS to the CLIs to compare, such as \"/usr/bin/terraform /opt/tofu/tofu\"" >&2; exit 2
fi

work=$(mktemp -d)
emulator_pid=""
stop_emulator() {
  if [ -n "$emulator_pid" ]; then
    kill "$emulator_pid" 2>/dev/null || true
    wait "$emulator_pid" 2>/dev/null || true
    emulator_pid=""
  fi
}
trap 'stop_emulator; rm -rf "$work"' EXIT

go build -o "$work/bin/terraform-provider-chatzuri" .
go build -o "$work/chatzuri-emulator" ./cmd/chatzuri-emulator

echo "# chatzuri provider benchmark"
echo
echo "- date: $(date -u +%Y-%m-%dT%H:%MZ), commit $(git rev-parse --short HEAD 2>/dev/null || echo unknown)"
echo "- machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')"
echo "- $(go version | cut -d' ' -f3-), $("$tf" version 2>/dev/null | head -n1 || true)"
echo

# ---------------------------------------------------------------- part 1
if [ "$only" = all ]; then
echo "## 1. In-process read: client, conversion and state"
echo
echo "One iteration each. floor = ceil(pages / concurrency) x latency; x floor = wall / floor."
echo
CHATZURI_BENCH_EMULATOR="$work/chatzuri-emulator" go test ./internal/provider/ -run '^$' \
  -bench 'BenchmarkRead(Leads|Conversations)' -benchtime=1x -benchmem -timeout 20m 2>/dev/null >"$work/part1.txt"
awk '
  BEGIN {
    print "| latency | list | items | concurrency | wall s | x floor | requests | overfetched | provider CPU s | allocs | MB allocated |"
    print "| ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  }
  /^BenchmarkRead(Leads|Conversations)\// {
    split($1, name, "/"); sub("latency=", "", name[2]); split(name[3], list, "="); sub("concurrency=", "", name[4]); sub("-[0-9]+$", "", name[4])
    delete m
    for (i = 3; i < NF; i += 2) m[$(i+1)] = $i
    xf = ("x-floor" in m) ? sprintf("%.2f", m["x-floor"]) : "-"
    printf "| %s | %s | %s | %s | %.3f | %s | %d | %d | %.2f | %d | %.0f |\n", name[2], list[1], list[2], name[4], m["ns/op"]/1e9, xf, m["requests/op"], m["overfetched/op"], m["cpu-s/op"], m["allocs/op"], m["B/op"]/1e6
  }' "$work/part1.txt"
echo
fi

# ---------------------------------------------------------------- part 2
start_emulator() { # latency leads-agents [conversations-agents [more emulator flags...]]
  rm -f "$work/url"
  "$work/chatzuri-emulator" -addr 127.0.0.1:0 -latency "$1" -agents "$2" -conversations "${3:-agt_none=0}" -url-file "$work/url" "${@:4}" 2>"$work/emulator.log" &
  emulator_pid=$!
  for _ in $(seq 300); do [ -s "$work/url" ] && return 0; sleep 0.1; done
  echo "the emulator did not start" >&2; cat "$work/emulator.log" >&2; exit 1
}

http_provider=${CHATZURI_BENCH_HTTP_PROVIDER:-}
cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "chatzuri/chatzuri" = "$work/bin"
$( [ -n "$http_provider" ] && printf '    "hashicorp/http" = "%s"\n' "$(dirname "$http_provider")" )
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHATZURI_API_KEY=demo-key CHECKPOINT_DISABLE=1
unset TF_LOG TF_DATA_DIR

# sample_provider FILE: until FILE.stop exists, record the highest VmHWM (kB)
# and CPU time (clock ticks, user + system) of any running provider process
# into FILE, as "kB ticks". The CPU time is the last sample before the
# provider exits, so it can miss up to one 20 ms interval.
sample_provider() {
  local out=$1 peak=0 ticks=0 hwm t pid
  while [ ! -e "$out.stop" ]; do
    # Only this run's providers: other runs on the machine have their own.
    for pid in $(pgrep -f "$work/bin/terraform-provider-chatzuri|${http_provider:-$work/none}" || true); do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      t=$(awk '{print $14 + $15}' "/proc/$pid/stat" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm
      [ "${t:-0}" -gt "$ticks" ] && ticks=$t
      echo "$peak $ticks" >"$out"
    done
    sleep 0.02
  done
}

# apply_once DIR [sample]: prints "seconds peak_rss_mb provider_cpu_s" for one
# terraform apply. The provider is sampled only when asked: the sampler runs
# pgrep and awk every 20 ms, which on 2 cores slowed the applies it watched by
# about 0.15 s (10,000 leads, 6 runs each way, alternating), so timed runs go
# without it.
apply_once() {
  local dir=$1 sample=${2:-} sampler="" t0 t1
  rm -f "$dir/terraform.tfstate" "$dir/rss" "$dir/rss.stop"
  echo "0 0" >"$dir/rss"
  if [ -n "$sample" ]; then
    sample_provider "$dir/rss" &
    sampler=$!
  fi
  t0=$(date +%s.%N)
  "$tf" -chdir="$dir" apply -auto-approve -input=false -no-color >"$dir/apply.log" 2>&1 || { cat "$dir/apply.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  if [ -n "$sampler" ]; then
    touch "$dir/rss.stop"; wait "$sampler"
  fi
  read -r kb ticks <"$dir/rss"
  awk -v a="$t0" -v b="$t1" -v r="$kb" -v c="$ticks" -v hz="$(getconf CLK_TCK)" 'BEGIN { printf "%.2f %.0f %.2f\n", b - a, r / 1024, c / hz }'
}

# write_config DIR KIND AGENT [FIELDS]: a configuration that reads AGENT's
# KIND (leads or conversations) with the provider, keeping FIELDS if given,
# and outputs how many it read.
write_config() {
  local dir=$1 kind=$2 agent=$3 fields=${4:-}
  mkdir -p "$dir"
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    chatzuri = { source = "chatzuri/chatzuri" }
  }
}
data "chatzuri_$kind" "all" {
  agent_id = "$agent"
  ${fields:+fields = $fields}
}
output "count" {
  value = length(data.chatzuri_$kind.all.$kind)
}
TF
}

# write_http_config DIR KIND AGENT N: the same read as data "http" pages,
# 100 each, decoded with jsondecode: what a user could do without this
# provider. It is given the exact number of pages, which the provider must
# find out by reading past the end.
write_http_config() {
  local dir=$1 kind=$2 agent=$3 n=$4
  mkdir -p "$dir"
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    http = { source = "hashicorp/http" }
  }
}
data "http" "page" {
  count           = $(( (n + 99) / 100 ))
  url             = "$CHATZURI_BASE_URL/get-$kind?agentId=$agent&page=\${count.index + 1}&size=100"
  request_headers = { Authorization = "Bearer demo-key" }
}
locals {
  items = flatten([for p in data.http.page : jsondecode(p.response_body).data])
}
output "count" {
  value = length(local.items)
}
TF
}

# measure DIR N: the first run sampled (it also warms up: the first apply
# after the emulator starts was 0.7 s slower for 10,000 leads, the emulator's
# start-up and not the provider's), then 5 timed runs. Prints
# "median runs... | rss | cpu" pieces for the table.
measure() {
  local dir=$1 n=$2 secs rss cpu runs=()
  read -r _ rss cpu < <(apply_once "$dir" sample)
  grep -q "count = $n" "$dir/apply.log" || { echo "apply in $dir did not read $n" >&2; cat "$dir/apply.log" >&2; exit 1; }
  for _ in 1 2 3 4 5; do
    read -r secs _ _ < <(apply_once "$dir")
    runs+=("$secs")
    grep -q "count = $n" "$dir/apply.log" || { echo "apply in $dir did not read $n" >&2; cat "$dir/apply.log" >&2; exit 1; }
  done
  median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
  echo "$median|${runs[*]}|$rss|$cpu"
}

limit=$(sed -n 's/.*DefaultMaxConcurrentRequests = \([0-9]*\).*/\1/p' internal/client/client.go)

# ---------------------------------------------------------------- clis
if [ "$only" = clis ]; then
  echo "## End to end with each CLI: terraform apply of chatzuri_leads, $latency per request, default settings"
  echo
  echo "Median of 5 runs, each from an empty state, after a first sampled run, as in part 2; every CLI"
  echo "against the same emulator in this run, one after another."
  echo
  echo "| CLI | leads | wall s (median) | runs | provider peak RSS MB | provider CPU s |"
  echo "| --- | ---: | ---: | --- | ---: | ---: |"
  start_emulator "$latency" "agt_10000=10000,agt_100000=100000"
  export CHATZURI_BASE_URL=$(cat "$work/url")
  for tf in $CHATZURI_BENCH_CLIS; do
    version=$("$tf" version 2>/dev/null | sed -n 1p)
    for n in 10000 100000; do
      write_config "$work/cli_$n" leads "agt_$n"
      rm -rf "$work/cli_$n/.terraform"
      IFS='|' read -r median runs rss cpu <<<"$(measure "$work/cli_$n" "$n")"
      echo "| $version | $n | $median | $runs | $rss | $cpu |"
    done
  done
  stop_emulator
  exit 0
fi

if [ "$only" = all ]; then
echo "## 2. End to end: terraform apply, $latency per request, default settings"
echo
echo "Median of 5 runs, each from an empty state. Peak RSS and CPU are the provider process's (VmHWM, and"
echo "user + system time), from a first, untimed run with a sampler on (it costs CPU, so the timed runs go"
echo "without it)."
if [ -n "$http_provider" ]; then
  echo "The \`data \"http\"\` rows read the same items as pages of 100 with the http provider"
  echo "($http_provider) and \`jsondecode\`, side by side in this run; x http = provider median / http median."
else
  echo "Set CHATZURI_BENCH_HTTP_PROVIDER to a terraform-provider-http binary to add the \`data \"http\"\` comparison."
fi
echo
echo "| read | items | wall s (median) | runs | provider peak RSS MB | provider CPU s | x http |"
echo "| --- | ---: | ---: | --- | ---: | ---: | ---: |"
start_emulator "$latency" "agt_10000=10000,agt_100000=100000" "agt_c10000=10000,agt_c50000=50000"
export CHATZURI_BASE_URL=$(cat "$work/url")
row() { # label kind agent n [fields]
  local label=$1 kind=$2 agent=$3 n=$4 fields=${5:-} ours http="-" ratio="-"
  write_config "$work/e2e_${agent}_${fields:+fields}" "$kind" "$agent" "$fields"
  ours=$(measure "$work/e2e_${agent}_${fields:+fields}" "$n")
  if [ -n "$http_provider" ] && [ -z "$fields" ]; then
    write_http_config "$work/http_$agent" "$kind" "$agent" "$n"
    http=$(measure "$work/http_$agent" "$n")
    ratio=$(awk -v a="${ours%%|*}" -v b="${http%%|*}" 'BEGIN { printf "%.2f", a / b }')
  fi
  IFS='|' read -r median runs rss cpu <<<"$ours"
  echo "| $label | $n | $median | $runs | $rss | $cpu | $ratio |"
  if [ "$http" != "-" ]; then
    IFS='|' read -r median runs rss cpu <<<"$http"
    echo "| same, \`data \"http\"\` + \`jsondecode\` | $n | $median | $runs | $rss | $cpu | 1 |"
  fi
}
row "chatzuri_leads" leads agt_10000 10000
row "chatzuri_leads" leads agt_100000 100000
row "chatzuri_leads, \`fields = [\"id\", \"created_at\"]\`" leads agt_100000 100000 '["id", "created_at"]'
row "chatzuri_conversations" conversations agt_c10000 10000
row "chatzuri_conversations" conversations agt_c50000 50000
stop_emulator
echo

# ---------------------------------------------------------------- part 3
echo "## 3. Ten data sources, one provider, one emulator ($latency per request)"
echo
start_emulator "$latency" "agt_a=3000,agt_b=3000,agt_c=3000,agt_d=3000,agt_e=3000"
export CHATZURI_BASE_URL=$(cat "$work/url")
dir="$work/ten"; mkdir -p "$dir"
{
  echo 'terraform {'
  echo '  required_providers {'
  echo '    chatzuri = { source = "chatzuri/chatzuri" }'
  echo '  }'
  echo '}'
  for i in 0 1 2 3 4 5 6 7 8 9; do
    agent=$(echo a b c d e | cut -d' ' -f$((i % 5 + 1)))
    printf 'data "chatzuri_leads" "l%d" {\n  agent_id  = "agt_%s"\n  page_size = %d\n}\n' "$i" "$agent" $((50 + i))
  done
  echo 'output "total" {'
  echo '  value = sum([for d in [data.chatzuri_leads.l0, data.chatzuri_leads.l1, data.chatzuri_leads.l2, data.chatzuri_leads.l3, data.chatzuri_leads.l4, data.chatzuri_leads.l5, data.chatzuri_leads.l6, data.chatzuri_leads.l7, data.chatzuri_leads.l8, data.chatzuri_leads.l9] : length(d.leads)])'
  echo '}'
} >"$dir/main.tf"
read -r secs _ < <(apply_once "$dir")
grep -q "total = 30000" "$dir/apply.log" || { echo "the ten data sources did not read 30,000 leads" >&2; cat "$dir/apply.log" >&2; exit 1; }
stats=$(curl -s "${CHATZURI_BASE_URL%/api/v1}/_emulator/stats")
peak=$(echo "$stats" | sed 's/.*"peak_in_flight":\([0-9]*\).*/\1/')
requests=$(echo "$stats" | sed 's/.*"requests":\([0-9]*\).*/\1/')
echo "| data sources | leads read | wall s | requests | most in flight at once | max_concurrent_requests |"
echo "| ---: | ---: | ---: | ---: | ---: | ---: |"
echo "| 10 | 30000 | $secs | $requests | $peak | $limit |"
stop_emulator
if [ "$peak" -gt "$limit" ]; then
  echo; echo "FAIL: $peak requests were in flight at once, over max_concurrent_requests = $limit" >&2; exit 1
fi
fi

# ---------------------------------------------------------------- part 4
if [ "$only" != counts ] && [ "$only" != ratelimit ]; then
agents=20
leads_per_agent=5000
echo
echo "## 4. The whole team: chatzuri_agents, then chatzuri_leads for each agent ($latency per request)"
echo
spec=$(for i in $(seq -w 1 $agents); do printf 'agt_%s=%d,' "$i" $leads_per_agent; done)
start_emulator "$latency" "${spec%,}"
export CHATZURI_BASE_URL=$(cat "$work/url")
dir="$work/team"; mkdir -p "$dir"
cat >"$dir/main.tf" <<'TF'
terraform {
  required_providers {
    chatzuri = { source = "chatzuri/chatzuri" }
  }
}
data "chatzuri_agents" "team" {}
data "chatzuri_leads" "all" {
  for_each = { for a in data.chatzuri_agents.team.agents : a.id => a }
  agent_id = each.key
}
output "total" {
  value = length(flatten([for d in data.chatzuri_leads.all : d.leads]))
}
TF
read -r secs _ < <(apply_once "$dir")
total=$((agents * leads_per_agent))
grep -q "total = $total" "$dir/apply.log" || { echo "the apply did not read $total leads" >&2; cat "$dir/apply.log" >&2; exit 1; }
stats=$(curl -s "${CHATZURI_BASE_URL%/api/v1}/_emulator/stats")
field() { echo "$stats" | sed "s/.*\"$1\":\([0-9]*\).*/\1/"; }
requests=$(field requests)
peak=$(field peak_in_flight)
first_us=$(field first_request_unix_us)
last_us=$(field last_response_unix_us)
stop_emulator
# The floor, as the issue sets it: every page the reads need (1 for the
# agents, which this emulator pages, plus 1 for the empty page after them;
# per agent its full pages and the empty one), max_concurrent_requests at a
# time, each taking the latency. Requests the engine adds (the page-1
# re-read, pages fetched ahead past the end) count against the reads.
awk -v r="$requests" -v limit="$limit" -v lat="$latency" -v first="$first_us" -v last="$last_us" -v wall="$secs" \
  -v agents="$agents" -v per="$leads_per_agent" -v peak="$peak" 'BEGIN {
  if (lat ~ /ms$/) { sub(/ms$/, "", lat); lat /= 1000 } else { sub(/s$/, "", lat) }
  span = (last - first) / 1e6
  pages = 2 + agents * (per / 100 + 1)
  floor = (pages % limit == 0 ? pages / limit : int(pages / limit) + 1) * lat
  print "pages = what the reads need: 2 for the agents, and per agent " per / 100 " full pages and the empty one. Requests are what the"
  print "emulator saw: besides the pages, per agent the page-1 re-read after a concurrent read and pages fetched ahead past the end."
  print "floor = ceil(pages / max_concurrent_requests) x latency; span = first request to last answer, at the emulator."
  print ""
  print "| agents | leads | wall s | pages | requests | span s | floor s | span / floor | most in flight at once | max_concurrent_requests |"
  print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf "| %d | %d | %s | %d | %d | %.2f | %.2f | %.2f | %d | %d |\n", agents, agents * per, wall, pages, r, span, floor, span / floor, peak, limit
}'
if [ "$peak" -gt "$limit" ]; then
  echo; echo "FAIL: $peak requests were in flight at once, over max_concurrent_requests = $limit" >&2; exit 1
fi
fi

# ---------------------------------------------------------------- part 5
if [ "$only" != agents ] && [ "$only" != ratelimit ]; then
# write_counts_config DIR AGENT: chatzuri_lead_counts of AGENT, whose output
# count is the total, as write_config's is the list's length.
write_counts_config() {
  mkdir -p "$1"
  cat >"$1/main.tf" <<TF
terraform {
  required_providers {
    chatzuri = { source = "chatzuri/chatzuri" }
  }
}
data "chatzuri_lead_counts" "all" {
  agent_id = "$2"
}
output "count" {
  value = data.chatzuri_lead_counts.all.total
}
output "days" {
  value = length(data.chatzuri_lead_counts.all.by_day)
}
TF
}
# write_grouped_config DIR AGENT: the list read counted per day in HCL, as
# one would without the counts.
write_grouped_config() {
  write_config "$1" leads "$2" '["id", "created_at"]'
  cat >>"$1/main.tf" <<'TF'
output "days" {
  value = length({ for l in data.chatzuri_leads.all.leads : (l.created_at == null ? "undated" : substr(l.created_at, 0, 10)) => l.id... })
}
TF
}
# measure3 DIR N: a sampled first run, then 3 timed runs, as measure does.
measure3() {
  local dir=$1 n=$2 secs rss cpu runs=()
  read -r _ rss cpu < <(apply_once "$dir" sample)
  grep -q "count = $n" "$dir/apply.log" || { echo "apply in $dir did not count $n" >&2; cat "$dir/apply.log" >&2; exit 1; }
  for _ in 1 2 3; do
    read -r secs _ _ < <(apply_once "$dir")
    runs+=("$secs")
  done
  echo "$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 2p)|${runs[*]}|$rss|$cpu"
}
echo
echo "## 5. Counts: chatzuri_lead_counts beside the list read"
echo
echo "End to end, terraform apply from an empty state. Peak RSS and CPU are the provider's, from a first, sampled run."
echo "The 100,000 rows: $latency per request, median of 3. The 2,000,000 row: 0 ms per request, one sampled run"
echo "(a list of 2,000,000 leads would pass Terraform's 256 MiB limit on one answer)."
echo
echo "| read | leads | wall s (median) | runs | provider peak RSS MB | provider CPU s | state bytes |"
echo "| --- | ---: | ---: | --- | ---: | ---: | ---: |"
start_emulator "$latency" "agt_100000=100000"
export CHATZURI_BASE_URL=$(cat "$work/url")
write_grouped_config "$work/grouped" agt_100000
IFS='|' read -r median runs rss cpu <<<"$(measure3 "$work/grouped" 100000)"
echo "| chatzuri_leads, \`fields = [\"id\", \"created_at\"]\`, grouped by day in HCL | 100000 | $median | $runs | $rss | $cpu | $(stat -c %s "$work/grouped/terraform.tfstate") |"
write_counts_config "$work/counts" agt_100000
IFS='|' read -r median runs rss cpu <<<"$(measure3 "$work/counts" 100000)"
echo "| chatzuri_lead_counts | 100000 | $median | $runs | $rss | $cpu | $(stat -c %s "$work/counts/terraform.tfstate") |"
stop_emulator
start_emulator 0ms "agt_2m=2000000"
export CHATZURI_BASE_URL=$(cat "$work/url")
write_counts_config "$work/counts2m" agt_2m
read -r secs rss cpu < <(apply_once "$work/counts2m" sample)
grep -q "count = 2000000" "$work/counts2m/apply.log" || { echo "the apply did not count 2,000,000 leads" >&2; cat "$work/counts2m/apply.log" >&2; exit 1; }
echo "| chatzuri_lead_counts (0 ms) | 2000000 | $secs | $secs | $rss | $cpu | $(stat -c %s "$work/counts2m/terraform.tfstate") |"
stop_emulator
fi

# ---------------------------------------------------------------- part 6
if [ "$only" = all ] || [ "$only" = ratelimit ]; then
rl_leads=1200 rl_page=10 rl_requests=20 rl_window=2
echo
echo "## 6. Under a rate limit: $rl_leads leads, $rl_requests requests per $rl_window s, with and without the rate-limit headers"
echo
# page_size 10, so that the limit binds: at the default 100, 1,200 leads are
# 13 requests, inside one window.
pages=$((rl_leads / rl_page + 1))
needed=$((pages + 1)) # and page 1 again, after a read of several pages ahead
floor=$(( (needed - 1) / rl_requests * rl_window ))
echo "chatzuri_leads with page_size = $rl_page: $pages pages (the last one empty) and page 1 read again, $needed requests, at the"
echo "default max_concurrent_requests ($limit). The emulator (0 ms per request) allows $rl_requests requests in any $rl_window s per key"
echo "and answers the rest 429 with Retry-After; with the headers, every answer carries X-RateLimit-Limit, -Remaining and"
echo "-Reset (Unix ms). floor = the least time the window allows for $needed requests: floor(($needed - 1) / $rl_requests) x $rl_window s."
echo "span = first request to last answer, at the emulator; wall = the whole terraform apply."
echo
echo "| rate-limit headers | result | wall s | span s | floor s | span / floor | requests answered | 429s |"
echo "| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |"
for headers in true false; do
  start_emulator 0ms "agt_rl=$rl_leads" "" -rate-limit "$rl_requests/${rl_window}s" -rate-limit-headers="$headers"
  export CHATZURI_BASE_URL=$(cat "$work/url")
  dir="$work/ratelimit_$headers"
  write_config "$dir" leads agt_rl
  sed -i "s/^  agent_id = \"agt_rl\"$/  agent_id  = \"agt_rl\"\n  page_size = $rl_page/" "$dir/main.tf"
  rm -f "$dir/terraform.tfstate"
  t0=$(date +%s.%N)
  result=read
  "$tf" -chdir="$dir" apply -auto-approve -input=false -no-color >"$dir/apply.log" 2>&1 || result="failed: $(grep -m1 -o 'Error: .*' "$dir/apply.log" || echo error)"
  t1=$(date +%s.%N)
  if [ "$result" = read ] && ! grep -q "count = $rl_leads" "$dir/apply.log"; then
    echo "the apply did not read $rl_leads leads" >&2; cat "$dir/apply.log" >&2; exit 1
  fi
  stats=$(curl -s "${CHATZURI_BASE_URL%/api/v1}/_emulator/stats")
  field() { echo "$stats" | sed "s/.*\"$1\":\([0-9]*\).*/\1/"; }
  stop_emulator
  awk -v h="$headers" -v res="$result" -v t0="$t0" -v t1="$t1" -v r="$(field requests)" -v d="$(field rate_limited)" \
    -v first="$(field first_request_unix_us)" -v last="$(field last_response_unix_us)" -v floor="$floor" 'BEGIN {
    span = (last - first) / 1e6
    printf "| %s | %s | %.2f | %.2f | %d | %.2f | %d | %d |\n", (h == "true" ? "sent" : "not sent"), res, t1 - t0, span, floor, span / floor, r - d, d
  }'
done
fi
