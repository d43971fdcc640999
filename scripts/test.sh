#!/usr/bin/env bash
# Installs what the tests need on a fresh Debian/Ubuntu machine (with the .NET 10 SDK), then runs every test.
#   --fast  runs only the unit tests (Category=Unit) and installs nothing: no apt-get, no npm, no redis-server,
#           no chromium; only the .NET SDK and NuGet packages are needed.
# Other arguments go to dotnet test. Prints a closing "N passed, N failed, N skipped" line and exits non-zero when
# any test fails.
set -euo pipefail
cd "$(dirname "$0")/.."

fast=false
if [ "${1:-}" = "--fast" ]; then
  fast=true
  shift
  set -- --filter "Category=Unit" "$@"
fi

if ! $fast; then
  need_apt=()
  [ -x /usr/bin/redis-server ] || need_apt+=(redis-server)   # real Redis for cluster tests
  [ -x /usr/bin/chromium ] || need_apt+=(chromium)           # real browser for the web page test
  command -v npm >/dev/null || need_apt+=(nodejs npm)        # builds the page's SignalR client from npm
  command -v curl >/dev/null || need_apt+=(curl)             # scripts/cluster.sh waits on health endpoints
  command -v ss >/dev/null || need_apt+=(iproute2)           # a cluster test finds which silo holds a connection
  if [ ${#need_apt[@]} -gt 0 ]; then
    echo "Installing ${need_apt[*]} ..."
    sudo_cmd=""
    [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
    $sudo_cmd apt-get update -qq
    $sudo_cmd apt-get -o DPkg::Lock::Timeout=600 install -y -qq "${need_apt[@]}"
  fi

  (cd WebFrontend && npm ci --no-audit --no-fund --loglevel=error)
fi

dotnet restore OrleansNlp.sln
dotnet build OrleansNlp.sln --no-restore -c Release

results="$(pwd)/artifacts/test-results"
rm -rf "$results"
set +e
dotnet test Tests/Tests.csproj --no-build -c Release \
  --logger "trx;LogFileName=tests.trx" --logger "console;verbosity=normal" \
  --results-directory "$results" "$@"
status=$?
set -e

trx="$results/tests.trx"
if [ -f "$trx" ]; then
  counters=$(grep -o '<Counters [^>]*>' "$trx" | head -1)
  get() { echo "$counters" | grep -o " $1=\"[0-9]*\"" | grep -o '[0-9]*'; }
  total=$(get total); passed=$(get passed); failed=$(get failed)
  skipped=$(( total - passed - failed ))
  echo "${passed} passed, ${failed} failed, ${skipped} skipped"
else
  echo "0 passed, 1 failed, 0 skipped (no test results were written)"
  status=1
fi
exit $status
