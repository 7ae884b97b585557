#!/usr/bin/env bash
# make bench: the performance of a chatzuri_leads read, in four parts.
#   1. In-process read (client, conversion, state) of 1,000 / 10,000 /
#      100,000 leads at 0 ms and 50 ms per request, one page at a time and at
#      the default concurrency, side by side (go test -bench).
#   2. End to end: terraform apply of 10,000 and 100,000 leads at 50 ms per
#      request, median of 5: wall time and the provider's peak RSS.
#   3. Ten chatzuri_leads data sources against one emulator: the most
#      requests the emulator ever had in flight at once.
#   4. The whole team: chatzuri_agents, then chatzuri_leads for each of 20
#      agents with 5,000 leads each, in one terraform apply: requests, the
#      most in flight, and how close the reads came to the request budget's
#      floor. `bash scripts/bench.sh agents` runs this part alone.
# The emulator runs as its own process on 127.0.0.1. Takes about 3 minutes
# on 2 cores. Knobs:
#   CHATZURI_BENCH_LATENCY=100ms   the per-request latency in place of 50 ms
#   CHATZURI_BENCH_CONCURRENCY=1,4,8,16   the concurrencies compared in part 1
set -euo pipefail

only=${1:-all}
case "$only" in
  all | agents) ;;
  *) echo "usage: $0 [agents]" >&2; exit 2 ;;
esac

latency=${CHATZURI_BENCH_LATENCY:-50ms}
export CHATZURI_BENCH_LATENCY=$latency

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
cd "$root"
command -v terraform >/dev/null || { echo "make bench needs the terraform CLI on PATH" >&2; exit 1; }

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
echo "- $(go version | cut -d' ' -f3-), $(terraform version 2>/dev/null | head -n1 || true)"
echo

# ---------------------------------------------------------------- part 1
if [ "$only" = all ]; then
echo "## 1. In-process read: client, conversion and state"
echo
echo "One iteration each. floor = ceil(pages / concurrency) x latency; x floor = wall / floor."
echo
CHATZURI_BENCH_EMULATOR="$work/chatzuri-emulator" go test ./internal/provider/ -run '^$' \
  -bench BenchmarkReadLeads -benchtime=1x -benchmem -timeout 20m 2>/dev/null >"$work/part1.txt"
awk '
  BEGIN {
    print "| latency | leads | concurrency | wall s | x floor | requests | overfetched | provider CPU s | allocs | MB allocated |"
    print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  }
  /^BenchmarkReadLeads\// {
    split($1, name, "/"); sub("latency=", "", name[2]); sub("leads=", "", name[3]); sub("concurrency=", "", name[4]); sub("-[0-9]+$", "", name[4])
    delete m
    for (i = 3; i < NF; i += 2) m[$(i+1)] = $i
    xf = ("x-floor" in m) ? sprintf("%.2f", m["x-floor"]) : "-"
    printf "| %s | %s | %s | %.3f | %s | %d | %d | %.2f | %d | %.0f |\n", name[2], name[3], name[4], m["ns/op"]/1e9, xf, m["requests/op"], m["overfetched/op"], m["cpu-s/op"], m["allocs/op"], m["B/op"]/1e6
  }' "$work/part1.txt"
echo
fi

# ---------------------------------------------------------------- part 2
start_emulator() { # latency agents
  rm -f "$work/url"
  "$work/chatzuri-emulator" -addr 127.0.0.1:0 -latency "$1" -agents "$2" -url-file "$work/url" 2>"$work/emulator.log" &
  emulator_pid=$!
  for _ in $(seq 300); do [ -s "$work/url" ] && return 0; sleep 0.1; done
  echo "the emulator did not start" >&2; cat "$work/emulator.log" >&2; exit 1
}

cat >"$work/terraformrc" <<RC
provider_installation {
  dev_overrides {
    "chatzuri/chatzuri" = "$work/bin"
  }
  direct {}
}
RC
export TF_CLI_CONFIG_FILE="$work/terraformrc" CHATZURI_API_KEY=demo-key CHECKPOINT_DISABLE=1
unset TF_LOG TF_DATA_DIR

# peak_rss_kb FILE: until FILE.stop exists, record the highest VmHWM of any
# running provider process into FILE.
peak_rss_kb() {
  local out=$1 peak=0 hwm pid
  while [ ! -e "$out.stop" ]; do
    for pid in $(pgrep -f "$work/bin/terraform-provider-chatzuri" || true); do
      hwm=$(awk '/VmHWM/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo 0)
      [ "${hwm:-0}" -gt "$peak" ] && peak=$hwm && echo "$peak" >"$out"
    done
    sleep 0.02
  done
}

# apply_once DIR [rss]: prints "seconds peak_rss_mb" for one terraform apply.
# The peak RSS is sampled only when asked: the sampler runs pgrep and awk every
# 20 ms, which on 2 cores slowed the applies it watched by about 0.15 s (10,000
# leads, 6 runs each way, alternating), so timed runs go without it.
apply_once() {
  local dir=$1 sample=${2:-} sampler="" t0 t1
  rm -f "$dir/terraform.tfstate" "$dir/rss" "$dir/rss.stop"
  echo 0 >"$dir/rss"
  if [ -n "$sample" ]; then
    peak_rss_kb "$dir/rss" &
    sampler=$!
  fi
  t0=$(date +%s.%N)
  terraform -chdir="$dir" apply -auto-approve -input=false -no-color >"$dir/apply.log" 2>&1 || { cat "$dir/apply.log" >&2; exit 1; }
  t1=$(date +%s.%N)
  if [ -n "$sampler" ]; then
    touch "$dir/rss.stop"; wait "$sampler"
  fi
  awk -v a="$t0" -v b="$t1" -v r="$(cat "$dir/rss")" 'BEGIN { printf "%.2f %.0f\n", b - a, r / 1024 }'
}

limit=$(sed -n 's/.*DefaultMaxConcurrentRequests = \([0-9]*\).*/\1/p' internal/client/client.go)

if [ "$only" = all ]; then
echo "## 2. End to end: terraform apply, $latency per request, default settings"
echo
echo "Median of 5 runs, each from an empty state. Peak RSS is the provider process's (VmHWM), from a first,"
echo "untimed run with the RSS sampler on (it costs CPU, so the timed runs go without it)."
echo
echo "| leads | wall s (median) | runs | provider peak RSS MB |"
echo "| ---: | ---: | --- | ---: |"
start_emulator "$latency" "agt_10000=10000,agt_100000=100000"
export CHATZURI_BASE_URL=$(cat "$work/url")
for n in 10000 100000; do
  dir="$work/e2e_$n"; mkdir -p "$dir"
  cat >"$dir/main.tf" <<TF
terraform {
  required_providers {
    chatzuri = { source = "chatzuri/chatzuri" }
  }
}
data "chatzuri_leads" "all" {
  agent_id = "agt_$n"
}
output "count" {
  value = length(data.chatzuri_leads.all.leads)
}
TF
  # The first run, with the sampler, also warms up: the first apply after the
  # emulator starts was 0.7 s slower (10,000 leads), the emulator's start-up
  # and not the provider's.
  read -r _ rss < <(apply_once "$dir" rss)
  grep -q "count = $n" "$dir/apply.log" || { echo "apply did not read $n leads" >&2; cat "$dir/apply.log" >&2; exit 1; }
  runs=()
  for _ in 1 2 3 4 5; do
    read -r secs _ < <(apply_once "$dir")
    runs+=("$secs")
    grep -q "count = $n" "$dir/apply.log" || { echo "apply did not read $n leads" >&2; cat "$dir/apply.log" >&2; exit 1; }
  done
  median=$(printf '%s\n' "${runs[@]}" | sort -n | sed -n 3p)
  echo "| $n | $median | ${runs[*]} | $rss |"
done
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
# The floor: every request the emulator saw, max_concurrent_requests at a
# time, each taking the latency.
awk -v r="$requests" -v limit="$limit" -v lat="$latency" -v first="$first_us" -v last="$last_us" -v wall="$secs" \
  -v agents="$agents" -v per="$leads_per_agent" -v peak="$peak" 'BEGIN {
  if (lat ~ /ms$/) { sub(/ms$/, "", lat); lat /= 1000 } else { sub(/s$/, "", lat) }
  span = (last - first) / 1e6
  floor = (r % limit == 0 ? r / limit : int(r / limit) + 1) * lat
  least = 2 + agents * (per / 100 + 1 + 1)
  print "Requests are what the emulator saw: at least " least " (2 for the agents; per agent " per / 100 " full pages, the empty one"
  print "and the page-1 re-read after a concurrent read), the rest pages fetched ahead past the end."
  print "floor = ceil(requests / max_concurrent_requests) x latency; span = first request to last answer, at the emulator."
  print ""
  print "| agents | leads | wall s | requests | span s | floor s | span / floor | most in flight at once | max_concurrent_requests |"
  print "| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
  printf "| %d | %d | %s | %d | %.2f | %.2f | %.2f | %d | %d |\n", agents, agents * per, wall, r, span, floor, span / floor, peak, limit
}'
if [ "$peak" -gt "$limit" ]; then
  echo; echo "FAIL: $peak requests were in flight at once, over max_concurrent_requests = $limit" >&2; exit 1
fi
