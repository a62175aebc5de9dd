#!/usr/bin/env bash
# Runs every SageBuild test on a fresh Debian machine: installs what the tests need, builds the solution,
# runs `dotnet test` for all of it and ends with one line "N passed, N failed".
# A missing tool is an error that says what to install, never a skipped test.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

fail() { echo "scripts/test.sh: $*" >&2; exit 1; }
need() { command -v "$1" >/dev/null 2>&1 || fail "'$1' is required but not on PATH: $2"; }

need dotnet "install the .NET 10 SDK"
need node "install Node.js 20 or later (the asl-validator differential test runs on it)"
need npm "install npm (it installs the Node tools under tools/)"
need moto_server "pip install 'moto[server]' (the deployed functions' SSM client is tested against it)"

# ---------------------------------------------------------------------------------------------------------
# Debian packages. Later issues add theirs here, one per line, with the test that needs it:
#   awscli                       issue 5: AWS CLI v2 against the local Step Functions API
#   chromium chromium-driver     issue 5: the dashboard's browser test
# ---------------------------------------------------------------------------------------------------------
APT_PACKAGES=(
  awscli                        # issue 5: AWS CLI v2 against the local Step Functions API
  chromium chromium-driver   # issue 5: the dashboard's browser tests (Playwright drives it; never "playwright install")
)
if ((${#APT_PACKAGES[@]} > 0)); then
  missing=()
  for package in "${APT_PACKAGES[@]}"; do
    dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
  done
  if ((${#missing[@]} > 0)); then
    [[ $(id -u) -eq 0 ]] || fail "apt packages ${missing[*]} are missing and installing them needs root"
    echo "scripts/test.sh: apt-get install ${missing[*]}"
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
  fi
fi

# ---------------------------------------------------------------------------------------------------------
# Node tools: every tools/<name>/ with a committed package-lock.json, installed exactly as locked.
# ---------------------------------------------------------------------------------------------------------
shopt -s nullglob
for lock in tools/*/package-lock.json; do
  dir="$(dirname "$lock")"
  echo "scripts/test.sh: npm ci in $dir"
  (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error) || fail "npm ci failed in $dir"
done
shopt -u nullglob

# ---------------------------------------------------------------------------------------------------------
# Build once (warnings are errors), then run every test project of the solution.
# ---------------------------------------------------------------------------------------------------------
dotnet build SageBuild.slnx --nologo -v quiet

log="$(mktemp)"
trap 'rm -f "$log"' EXIT
status=0
dotnet test SageBuild.slnx --no-build --nologo --blame-hang-timeout 10m 2>&1 | tee "$log" || status=$?

# dotnet test prints one summary per test project ("Passed!  - Failed: 0, Passed: 812, ..."); add them up.
read -r projects passed failed < <(awk '
  match($0, /Failed: *[0-9]+, Passed: *[0-9]+/) {
    split(substr($0, RSTART, RLENGTH), n, /[^0-9]+/); projects++; failed += n[2]; passed += n[3]
  }
  END { print projects + 0, passed + 0, failed + 0 }' "$log")
echo "tests: $passed passed, $failed failed"
((projects > 0)) || fail "dotnet test ran no test project"
exit "$status"
