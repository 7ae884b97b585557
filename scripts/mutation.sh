#!/usr/bin/env bash
# make mutation: mutation testing with gremlins (pinned in tools/gremlins)
# over internal/client and over the provider's list engine
# (internal/provider/list_*.go and read_errors.go). Each mutant is a small
# change to the code (a < for a <=, a condition negated, a + for a -); the
# package's tests run on each, and a mutant they do not notice "lives".
# Not part of make check: it takes minutes. TESTING.md has the last scores.
#
# MUTATION_TARGETS chooses what to mutate: "client", "engine" or both (the
# default). MUTATION_TIMEOUT_COEFFICIENT (default 5) multiplies the time of
# the first, unmutated test run into each mutant's timeout; GOFLAGS gets
# -count=1, so that run really runs rather than coming from Go's test cache
# in a few milliseconds, which would time every mutant out. MUTATION_FLAGS
# adds gremlins flags (--dry-run lists the mutants without testing them).
# MUTATION_OUTPUT_DIR, when set, gets each target's results as JSON,
# mutation-client.json and mutation-engine.json. MUTATION_GOALS=1 makes a
# target whose efficacy does not exceed its goal (TESTING.md, "Scores";
# gremlins fails at the goal itself too) fail the run, after every target
# has run. The acceptance tests need TF_ACC and the Terraform CLI, and would
# make a run hours long, so TF_ACC is unset: the scores are those of the
# tests without Terraform.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"
TARGETS="${MUTATION_TARGETS:-client engine}"
COEFFICIENT="${MUTATION_TIMEOUT_COEFFICIENT:-5}"
OUTPUT_DIR="${MUTATION_OUTPUT_DIR:-}"
if [ -n "$OUTPUT_DIR" ]; then
	mkdir -p "$OUTPUT_DIR"
	OUTPUT_DIR="$(cd "$OUTPUT_DIR" && pwd)"
fi
export GOFLAGS="${GOFLAGS:+$GOFLAGS }-count=1"
unset TF_ACC

gremlins() {
	"$GO" tool -modfile=tools/gremlins/go.mod gremlins "$@"
}

failed=()
for target in $TARGETS; do
	args=(unleash --timeout-coefficient "$COEFFICIENT" ${MUTATION_FLAGS:-})
	case $target in
	client)
		dir=internal/client
		goal=90
		;;
	engine)
		dir=internal/provider
		goal=85
		# gremlins can only exclude files (by regular expression on the
		# path under the directory), so every file of the package but the
		# engine's is excluded by name; a new file is excluded unless it is
		# one of the engine's.
		for file in "$dir"/*.go; do
			name="$(basename "$file")"
			case $name in
			*_test.go | list_*.go | read_errors.go) ;;
			*) args+=(--exclude-files "^${name//./\\.}\$") ;;
			esac
		done
		;;
	*)
		echo "mutation: unknown target $target (client, engine)" >&2
		exit 1
		;;
	esac
	if [ -n "$OUTPUT_DIR" ]; then
		args+=(--output "$OUTPUT_DIR/mutation-$target.json")
	fi
	if [ "${MUTATION_GOALS:-}" = 1 ]; then
		args+=(--threshold-efficacy "$goal")
	fi
	echo "mutation: $target ($dir), timeout coefficient $COEFFICIENT, GOFLAGS=$GOFLAGS"
	start=$SECONDS
	if ! gremlins "${args[@]}" "$PWD/$dir"; then
		failed+=("$target")
	fi
	echo "mutation: $target took $((SECONDS - start)) s"
done
if [ ${#failed[@]} -gt 0 ]; then
	echo "mutation: failed: ${failed[*]}" >&2
	exit 1
fi
