#!/usr/bin/env bash
# scripts/release-notes.sh VERSION: prints CHANGELOG.md's section for
# VERSION (the lines under "## [VERSION]" up to the next "## [" heading), for
# the release workflow to publish as the GitHub release's notes. It fails
# when the section is missing or empty, so a tag whose version the changelog
# does not describe stops the release before anything is built.
# `scripts/release-notes.sh Unreleased` prints what the next release says.
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."

version="${1:-}"
if [[ -z "$version" ]]; then
	echo "release-notes: name the version, e.g. scripts/release-notes.sh 0.1.0" >&2
	exit 2
fi

notes="$(awk -v heading="## [$version]" '
	index($0, "## [") == 1 { if (in_section) exit; in_section = (index($0, heading) == 1); next }
	# The link references at the end of the file belong to no section.
	in_section && !/^\[[^]]+\]: / { print }
' CHANGELOG.md | sed -e '/./,$!d')"

if [[ -z "${notes//[[:space:]]/}" ]]; then
	echo "release-notes: CHANGELOG.md has no section \"## [$version]\" with any entry; RELEASING.md says how to write it" >&2
	exit 1
fi
printf '%s\n' "$notes"
