#!/usr/bin/env bash
# Run `make test` N times (default 20), each in a fresh clone of this
# repository's committed HEAD, and say which runs failed. A flaky test, or a
# failure that depends on state left in a clone (.hypothesis/, .venv, caches),
# shows up here and not in a single run.
#
#   scripts/test-loop.sh [N]        CI=true (the "ci" Hypothesis profile) unless CI is set
#
# Exit status: 0 if every run passed, 1 if any failed, 2 on a usage mistake.
# Logs are kept in a temporary folder (printed at the end); clones are removed.
set -uo pipefail

runs="${1:-20}"
if ! [[ "$runs" =~ ^[1-9][0-9]*$ ]]; then
    echo "usage: $0 [N]  (N: how many fresh clones, default 20)" >&2
    exit 2
fi
repo="$(cd "$(dirname "$0")/.." && git rev-parse --show-toplevel)" || exit 2
export CI="${CI:-true}"
work="$(mktemp -d "${TMPDIR:-/tmp}/dhtc-test-loop-XXXXXX")"
head="$(git -C "$repo" rev-parse HEAD)"
echo "make test x $runs from fresh clones of $repo at ${head:0:12}; logs in $work"
[ -z "$(git -C "$repo" status --porcelain)" ] || echo "note: uncommitted changes are not in the clones"

passed=0
failed=()
for i in $(seq 1 "$runs"); do
    clone="$work/clone-$i"
    log="$work/run-$i.log"
    started=$SECONDS
    # Every run tests the commit that was HEAD when the loop began, even if
    # the repository moves on while it runs.
    if git clone --quiet "$repo" "$clone" >"$log" 2>&1 \
        && git -C "$clone" checkout --quiet --detach "$head" >>"$log" 2>&1 \
        && make -C "$clone" test >>"$log" 2>&1; then
        passed=$((passed + 1))
        result="pass"
    else
        failed+=("$i")
        result="FAIL"
    fi
    summary="$(grep -E '^(=+ )?[0-9]+ (passed|failed)|[0-9]+ (passed|failed).* in [0-9.]+s' "$log" | tail -1 | tr -d '=' | sed 's/^ *//')"
    printf 'run %2d/%d: %s in %3ds  %s\n' "$i" "$runs" "$result" $((SECONDS - started)) "$summary"
    rm -rf "$clone"
done

echo "passed $passed of $runs"
if [ ${#failed[@]} -gt 0 ]; then
    echo "failed runs: ${failed[*]} (see $work/run-N.log)"
    exit 1
fi
exit 0
