#!/usr/bin/env bash
# ServiceHall's one test command. Installs missing prerequisites with apt-get, builds once, runs every test project
# one after another (the heavy ones start PostgreSQL servers and silo processes; 2 cores do not run them in
# parallel), and ends with the line "N passed, N failed, N skipped".
# Under CI=true a prerequisite that cannot be installed is a failure, never a skip, and a run of zero tests fails.
set -uo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"

configuration="${CONFIGURATION:-Debug}"
results="artifacts/test-results"
is_ci=false
[[ "${CI:-}" == "true" ]] && is_ci=true

say() { printf '\n== %s\n' "$*"; }

# --- prerequisites ----------------------------------------------------------------------------------------------
have_postgres() { compgen -G "/usr/lib/postgresql/*/bin/initdb" >/dev/null; }

missing=()
have_postgres || missing+=(postgresql)
# The build restores the PDF font (Noto Sans SC) with npm; the document tests rasterise a page with pdftoppm.
command -v npm >/dev/null || missing+=(npm)
command -v pdftoppm >/dev/null || missing+=(poppler-utils)
# Browser tests drive Debian's Chromium through Playwright; the CJK font makes Chinese visible in their screenshots.
[[ -x /usr/bin/chromium ]] || missing+=(chromium)
fc-list 2>/dev/null | grep -qi "wenquanyi zen hei" || missing+=(fonts-wqy-zenhei)
# The chart check renders charts/servicehall with Go's text/template + sprig (Debian's GOPATH sources, no download).
command -v go >/dev/null || missing+=(golang-go)
[[ -d /usr/share/gocode/src/github.com/Masterminds/sprig ]] || missing+=(golang-github-masterminds-sprig-dev)
[[ -d /usr/share/gocode/src/gopkg.in/yaml.v3 ]] || missing+=(golang-gopkg-yaml.v3-dev)

if ((${#missing[@]})); then
    say "installing ${missing[*]} with apt-get"
    if [[ $(id -u) -eq 0 ]]; then
        apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    elif command -v sudo >/dev/null; then
        sudo apt-get update -qq && sudo DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}"
    else
        echo "cannot install ${missing[*]}: not root and no sudo"
    fi
fi

if ! have_postgres; then
    if $is_ci; then
        echo "CI=true: PostgreSQL server is missing and could not be installed"
        echo "0 passed, 1 failed, 0 skipped"
        exit 1
    fi
    echo "PostgreSQL server is missing: the PostgreSQL tests will be skipped"
fi

# --- build once -------------------------------------------------------------------------------------------------
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
say "building ServiceHall.sln ($configuration)"
if ! dotnet build ServiceHall.sln -c "$configuration" -nologo -v quiet; then
    echo "build failed"
    echo "0 passed, 1 failed, 0 skipped"
    exit 1
fi

# --- run the projects, light ones first, one after another --------------------------------------------------------
evidence="artifacts/test-evidence"
rm -rf "$results" "$evidence" && mkdir -p "$results"
started_at=$SECONDS
projects=(
    tests/ServiceHall.Workflows.Tests
    tests/ServiceHall.Grains.Tests
    tests/ServiceHall.Api.Tests
    tests/ServiceHall.Elsa.Tests
    tests/ServiceHall.Documents.Tests
    tests/ServiceHall.Postgres.Tests
    tests/ServiceHall.Host.Tests
    tests/ServiceHall.Browser.Tests
)
for listed in tests/*.Tests; do
    [[ " ${projects[*]} " == *" $listed "* ]] || projects+=("$listed")
done

passed=0 failed=0 skipped=0 broken=0
for project in "${projects[@]}"; do
    name=$(basename "$project")
    say "$name"
    project_started_at=$SECONDS
    # The documentation screenshots rewrite docs/screenshots and run only from docs/screenshots/take.sh.
    dotnet test "$project" -c "$configuration" --no-build --nologo \
        --filter "Category!=Screenshots" --blame-hang-timeout 10m \
        --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
        --results-directory "$results"
    code=$?
    trx="$results/$name.trx"
    if [[ ! -f "$trx" ]]; then
        echo "$name: no results (exit $code)"
        broken=$((broken + 1))
        continue
    fi
    counters=$(grep -o '<Counters [^>]*>' "$trx")
    count() { sed -n "s/.* $1=\"\([0-9]*\)\".*/\1/p" <<<"$counters"; }
    p=$(count passed) f=$(count failed) e=$(count error) t=$(count timeout) a=$(count aborted) s=$(count notExecuted)
    passed=$((passed + p)) failed=$((failed + f + e + t + a)) skipped=$((skipped + s))
    if [[ $code -ne 0 && $((f + e + t + a)) -eq 0 ]]; then
        echo "$name: dotnet test exited $code without a failed test"
        broken=$((broken + 1))
    fi
    echo "$name: $p passed, $((f + e + t + a)) failed, $s skipped ($((SECONDS - project_started_at)) s)"
done

# --- benchmark smoke: the harness runs its e2e, ceiling, push, fanout and documents sections in seconds, so none rots -
# Counted as one check. Built in Release (the harness references the silo project, so this builds the Release silo it
# starts); the smoke asserts that every case it drove reached "completed", that each of 20 SignalR board clients heard
# every push, that both silos' subscribers heard every fan-out change, and that stored documents read back whole.
say "benchmark smoke"
if ! have_postgres; then
    echo "benchmark smoke: skipped (no PostgreSQL server)"
    skipped=$((skipped + 1))
elif dotnet build tests/ServiceHall.Benchmarks -c Release -nologo -v quiet \
    && timeout --kill-after=10 420 dotnet run -c Release --no-build --project tests/ServiceHall.Benchmarks -- \
        --smoke --only e2e,ceiling,push,fanout,documents --out "$results/benchmarks"; then
    echo "benchmark smoke: ok"
    passed=$((passed + 1))
else
    echo "benchmark smoke: failed"
    failed=$((failed + 1))
fi

# --- evidence of failures: each failed test's message and the last log lines of the silos that were running ------
# (written by tests/ServiceHall.TestSupport/Evidence; browser screenshots and page logs stay under $evidence/browser)
if compgen -G "$evidence/failures/*.txt" >/dev/null; then
    say "evidence of failed tests ($evidence)"
    for file in "$evidence"/failures/*.txt; do
        echo "---- $file"
        head -c 20000 "$file"
        echo
    done
fi

failed=$((failed + broken))
status=0
if ((failed > 0)); then
    status=1
fi
if ((passed + failed == 0)); then
    echo "no test ran"
    $is_ci && status=1
fi
if $is_ci && ((skipped > 0)); then
    echo "CI=true: $skipped test(s) skipped for a missing prerequisite"
    status=1
fi

echo
echo "test run took $((SECONDS - started_at)) s after the build"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
