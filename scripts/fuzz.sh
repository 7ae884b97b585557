#!/usr/bin/env bash
# make fuzz: runs every Go fuzz target of the module (func FuzzX(f *testing.F)
# in any package) for FUZZTIME each, default 30s. The targets are found with
# `go test -list`, not listed here, so a new one is fuzzed as soon as it
# exists. Their seeds, and the inputs fuzzing once failed on (committed in
# the package's testdata/fuzz/FuzzX), run in every `go test` anyway.
#
# A target that fails writes the failing input to testdata/fuzz/FuzzX in its
# package; the run goes on with the other targets and fails at the end,
# naming each. Fix the code, keep the input as a seed (commit the file, with
# a test of the fix), and run again.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

GO="${GO:-go}"
FUZZTIME="${FUZZTIME:-30s}"

ran=0
failed=()
while IFS= read -r pkg; do
	# `go test -list` prints the matching names, then an "ok" line; a
	# package whose tests do not build fails the run, rather than being
	# taken for one without targets.
	if ! list="$("$GO" test "$pkg" -list '^Fuzz')"; then
		failed+=("$pkg: its tests do not build")
		continue
	fi
	while IFS= read -r target; do
		echo "fuzz: $target in $pkg for $FUZZTIME"
		if "$GO" test "$pkg" -run '^$' -fuzz "^${target}\$" -fuzztime "$FUZZTIME"; then
			ran=$((ran + 1))
		else
			failed+=("$pkg $target")
		fi
	done < <(grep '^Fuzz' <<<"$list" || true)
done < <("$GO" list ./...)

if [ "${#failed[@]}" -gt 0 ]; then
	echo "fuzz: ${#failed[@]} failed (a target's failing input is in its package's testdata/fuzz):" >&2
	printf '  %s\n' "${failed[@]}" >&2
	exit 1
fi
[ "$ran" -gt 0 ] || { echo "fuzz: found no fuzz target" >&2; exit 1; }
echo "fuzz: $ran targets, $FUZZTIME each, found nothing"
