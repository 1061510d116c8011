#!/usr/bin/env bash
# Runs every test of the solution from a clean clone: installs Azurite's pinned npm packages,
# builds, runs all test projects (each test process starts and stops its own Azurite), and ends
# with the totals on a line of their own: "N passed, N failed[, N skipped]".
set -uo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"

command -v dotnet >/dev/null || { echo "The .NET 10 SDK (dotnet) is required." >&2; exit 1; }
command -v node >/dev/null && command -v npm >/dev/null || {
  echo "Node.js and npm are required to run Azurite: apt-get install -y nodejs npm" >&2; exit 1; }

# Install Azurite once, before test processes start in parallel (each would otherwise try).
if [ ! -f infra/local/node_modules/azurite/dist/src/azurite.js ]; then
  (cd infra/local && npm ci --no-audit --no-fund) || { echo "npm ci in infra/local failed" >&2; exit 1; }
fi

# The browser tests (tests/Orchestrator.Browser.Tests) drive Debian's chromium: Playwright's own
# browser download is not reachable here. Installed once, quietly; nothing happens when present.
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    export DEBIAN_FRONTEND=noninteractive
    { apt-get install -y -qq chromium >/dev/null 2>&1 \
      || { apt-get update -qq >/dev/null 2>&1 && apt-get install -y -qq chromium >/dev/null 2>&1; }; } \
      || echo "Could not install chromium (apt-get install -y chromium): the browser tests will fail." >&2
  else
    echo "chromium is missing and this is not root: run apt-get install -y chromium for the browser tests." >&2
  fi
fi

results="$root/TestResults/run-$(date +%s)"
mkdir -p "$results"
dotnet build Orchestrator.sln -c Release -nologo -v:q || { echo "0 passed, 1 failed"; exit 1; }

# The Functions app must publish (what goes to Azure): its output has the generated metadata.
publish="$results/functions-publish"
if ! dotnet publish functions/Orchestrator.Functions -c Release -o "$publish" -nologo -v:q \
   || [ ! -f "$publish/functions.metadata" ] || [ ! -f "$publish/worker.config.json" ]; then
  echo "dotnet publish of the Functions app failed or produced no functions.metadata" >&2
  echo "0 passed, 1 failed"; exit 1
fi
# Every wait on a condition (tests/Orchestrator.Testing/Eventually.cs) records its time beside its
# limit here; the ten that used the largest share of their limit are listed after the run.
export ORCHESTRATOR_WAIT_LOG="$results/waits.tsv"
dotnet test Orchestrator.sln -c Release --no-build --logger "trx" --results-directory "$results" -nologo
status=$?
if [ -s "$ORCHESTRATOR_WAIT_LOG" ]; then
  echo "Waits that used most of their limit (seconds / limit, what):"
  awk -F'\t' '$2 > 0 { printf "%5.0f%%  %6.1f / %4d s  %s\n", 100 * $1 / $2, $1, $2, $3 }' "$ORCHESTRATOR_WAIT_LOG" | sort -rn | head -10
fi

# Totals from the test results themselves (the <Counters> element of each .trx file). A skipped
# test is counted in total but not in executed (the trx logger leaves notExecuted at 0 for it).
totals=$(cat "$results"/*.trx 2>/dev/null | grep -o '<Counters [^>]*>' | awk '
  { for (i = 1; i <= NF; i++) { split($i, kv, "="); gsub(/[^0-9]/, "", kv[2]); v[kv[1]] += kv[2] } }
  END { printf "%d %d %d %d", v["passed"], v["failed"], v["total"] - v["executed"], v["total"] }')
read -r passed failed skipped total <<<"${totals:-0 0 0 0}"
if [ "${total:-0}" -eq 0 ]; then echo "No test ran." >&2; echo "0 passed, 1 failed"; exit 1; fi
[ "$status" -ne 0 ] && [ "$failed" -eq 0 ] && failed=1   # a crashed test host counts as a failure
line="$passed passed, $failed failed"
[ "$skipped" -gt 0 ] && line="$line, $skipped skipped"
echo "$line"
exit "$status"
