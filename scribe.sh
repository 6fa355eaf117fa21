#!/usr/bin/env bash
# ScribeActors from a fresh Debian machine, in one command:
#
#   ./scribe.sh demo [args]    set up, build, run `scribe demo` (Azurite, one silo, demo sites, a workflow)
#   ./scribe.sh test [args]    set up, build, start Azurite in memory, run every test (args go to dotnet test)
#   ./scribe.sh build          set up and build (always builds)
#   ./scribe.sh bench [what]   set up, build, run the benchmarks (overhead|navigation|resume|concurrency|all, ...), JSON out
#   ./scribe.sh setup          set up only: Chromium, Azurite's npm packages, .NET SDK check, the `scribe` launcher
#   ./scribe.sh help
#
# Set-up is idempotent and quick when already done. Works from any directory. It also installs `scribe`, a launcher
# of this checkout's built CLI, into ~/.local/bin (SCRIBE_BIN_DIR overrides; SCRIBE_NO_LAUNCHER=1 skips it).
# Environment: SCRIBE_FORCE_BUILD=1 builds even when nothing changed since the last build.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export SCRIBE_REPO_ROOT="$ROOT"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1

SOLUTION="$ROOT/ScribeActors.sln"
CONFIGURATION=Release
CLI_DLL="$ROOT/src/ScribeActors.Cli/bin/$CONFIGURATION/net10.0/scribe.dll"
CHROMIUM=/usr/bin/chromium
AZURITE_ENTRY="$ROOT/Azurite/node_modules/azurite/dist/src/azurite.js"
BUILD_STAMP="$ROOT/.artifacts/scribe-build.stamp"
# Exit codes of Azurite/start.sh that matter here (see Azurite/README.md).
AZURITE_ALREADY_RUNNING=3

say() { printf 'scribe: %s\n' "$*" >&2; }
die() { printf 'scribe: error: %s\n' "$*" >&2; exit 1; }

usage() {
    sed -n '2,13p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'
}

# Runs a command as root: directly when we are root, through sudo otherwise.
as_root() {
    if [[ "$(id -u)" -eq 0 ]]; then
        "$@"
    elif command -v sudo >/dev/null 2>&1; then
        sudo "$@"
    else
        die "need root to run '$*' (not root, and sudo is not installed); run it as root, then retry"
    fi
}

apt_updated=false
apt_install() {
    command -v apt-get >/dev/null 2>&1 || die "apt-get not found: install $* with your system's package manager, then retry"
    if ! $apt_updated; then
        say "apt-get update"
        as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq >&2
        apt_updated=true
    fi
    say "apt-get install $*"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >&2
}

# --- Set-up steps (each a no-op when already done) ----------------------------------------------

ensure_chromium() {
    local missing=()
    [[ -x "$CHROMIUM" ]] || missing+=(chromium)
    if command -v dpkg-query >/dev/null 2>&1 \
        && ! dpkg-query -W -f='${Status}' fonts-liberation 2>/dev/null | grep -q 'ok installed'; then
        missing+=(fonts-liberation)
    fi
    if ((${#missing[@]} > 0)); then
        # Debian's chromium package; never a downloaded browser build.
        apt_install "${missing[@]}"
        [[ -x "$CHROMIUM" ]] || die "apt-get finished but $CHROMIUM is still missing"
    fi
}

ensure_node() {
    if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
        apt_install nodejs npm
    fi
    local major
    major="$(node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0)"
    if ((major < 20)); then
        say "warning: Node $(node --version 2>/dev/null) is older than 20; Azurite 3.37 is verified on Node 20 and declares >= 22"
    fi
}

ensure_azurite_packages() {
    [[ -f "$AZURITE_ENTRY" ]] && return 0
    ensure_node
    say "npm ci in Azurite/ (pinned Azurite, once)"
    # Azurite 3.37 declares node >= 22 and runs on Node 20: keep npm from refusing if engine-strict is set.
    (cd "$ROOT/Azurite" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false) >&2
    [[ -f "$AZURITE_ENTRY" ]] || die "npm ci finished but $AZURITE_ENTRY is missing"
}

ensure_dotnet() {
    command -v dotnet >/dev/null 2>&1 \
        || die "the .NET SDK is not installed (dotnet not on PATH); install .NET SDK 10 (see https://learn.microsoft.com/dotnet/core/install/linux-debian), then retry"
    local out
    # Inside the repo, global.json applies: this fails when no matching SDK is installed.
    if ! out="$(cd "$ROOT" && dotnet --version 2>&1)"; then
        printf '%s\n' "$out" >&2
        die "no .NET SDK matching global.json is installed (see the message above); install .NET SDK 10, then retry"
    fi
}

# The first line after the shebang of a launcher this script wrote; a file without it is never overwritten.
LAUNCHER_MARK="# scribe launcher, written by ScribeActors' scribe.sh set-up"

# Writes `scribe` into SCRIBE_BIN_DIR (default ~/.local/bin): it runs this checkout's built CLI with the arguments given,
# so the README's `scribe start ...` works from any directory. Says how to put the folder on PATH when it is not there.
install_launcher() {
    [[ "${SCRIBE_NO_LAUNCHER:-0}" == 1 ]] && return 0
    local dir="${SCRIBE_BIN_DIR:-${HOME:-}/.local/bin}"
    local launcher="$dir/scribe" content
    content="$(printf '%s\n' '#!/usr/bin/env bash' "$LAUNCHER_MARK" \
        "export SCRIBE_REPO_ROOT=$(printf '%q' "$ROOT")" \
        "cli=$(printf '%q' "$CLI_DLL")" \
        '[[ -f "$cli" ]] || { printf '"'"'scribe: %s is not built: run %s/scribe.sh build\n'"'"' "$cli" "$SCRIBE_REPO_ROOT" >&2; exit 1; }' \
        'exec dotnet "$cli" "$@"')"
    if [[ -f "$launcher" ]] && ! sed -n 2p "$launcher" | grep -qxF "$LAUNCHER_MARK"; then
        say "warning: $launcher exists and was not written by scribe.sh; left alone. Run the CLI as: dotnet $CLI_DLL"
        return 0
    fi
    if [[ ! -f "$launcher" ]] || [[ "$(cat "$launcher")" != "$content" ]]; then
        mkdir -p "$dir" || { say "warning: cannot create $dir; run the CLI as: dotnet $CLI_DLL"; return 0; }
        printf '%s\n' "$content" > "$launcher" && chmod +x "$launcher" \
            || { say "warning: cannot write $launcher; run the CLI as: dotnet $CLI_DLL"; return 0; }
        say "installed the scribe launcher: $launcher"
    fi
    case ":${PATH:-}:" in
        *":$dir:"*) ;;
        *) say "$dir is not on PATH: add it (for example: echo 'export PATH=\"$dir:\$PATH\"' >> ~/.bashrc), then run scribe --help" ;;
    esac
}

setup() {
    ensure_dotnet
    ensure_chromium
    ensure_azurite_packages
    install_launcher
}

# True when something the build reads changed since the last successful build.
build_needed() {
    [[ "${SCRIBE_FORCE_BUILD:-0}" == 1 ]] && return 0
    [[ -f "$BUILD_STAMP" && -f "$CLI_DLL" ]] || return 0
    local changed
    changed="$(cd "$ROOT" && find src tests bench ScribeActors.sln global.json Directory.Build.props Directory.Packages.props .editorconfig \
        \( -name bin -o -name obj -o -name TestResults -o -name results -o -name node_modules \) -prune \
        -o -type f -newer "$BUILD_STAMP" -print 2>/dev/null | head -n1 || true)"
    [[ -n "$changed" ]]
}

build() {
    local force="${1:-}" started
    if [[ "$force" != force ]] && ! build_needed; then
        say "build is up to date (SCRIBE_FORCE_BUILD=1 or './scribe.sh build' rebuilds)"
        return 0
    fi
    mkdir -p "$(dirname "$BUILD_STAMP")"
    # The stamp gets the time the build *started*, so an edit made during the build is seen next time.
    started="$(mktemp "$(dirname "$BUILD_STAMP")/stamp.XXXXXX")"
    say "dotnet build ScribeActors.sln -c $CONFIGURATION"
    if ! dotnet build "$SOLUTION" -c "$CONFIGURATION" -nologo -v quiet; then
        rm -f "$started"
        die "build failed (errors above)"
    fi
    mv -f "$started" "$BUILD_STAMP"
}

# --- Commands ------------------------------------------------------------------------------------

cmd_demo() {
    setup
    build
    [[ -f "$CLI_DLL" ]] || die "the build did not produce $CLI_DLL"
    # The CLI starts a persistent Azurite itself (Azurite/start.sh, found through SCRIBE_REPO_ROOT)
    # when none is running, and leaves it running for the next demo.
    exec dotnet "$CLI_DLL" demo "$@"
}

azurite_started_here=false
stop_test_azurite() {
    if $azurite_started_here; then
        bash "$ROOT/Azurite/stop.sh" --in-memory || true
    fi
}

# Starts Azurite in memory for tests and benchmarks; an Azurite that already runs is reused and left running.
start_test_azurite() {
    local rc=0
    bash "$ROOT/Azurite/start.sh" --in-memory --background || rc=$?
    case "$rc" in
        0) azurite_started_here=true
           trap stop_test_azurite EXIT
           trap 'exit 130' INT
           trap 'exit 143' TERM ;;
        "$AZURITE_ALREADY_RUNNING") say "reusing the Azurite that is already running (it is left running afterwards)" ;;
        *) die "could not start Azurite (Azurite/start.sh exited $rc; see above)" ;;
    esac
}

cmd_test() {
    setup
    build
    cd "$ROOT"

    start_test_azurite

    rm -rf "$ROOT/TestResults"
    local rc=0
    # -m:1 runs the test assemblies one after another: the browser, cluster and multi-process suites each use
    # both cores, and running them side by side on a 2-core machine only makes their timings flaky.
    dotnet test "$SOLUTION" -c "$CONFIGURATION" --no-build -m:1 \
        --logger trx --results-directory "$ROOT/TestResults" \
        --blame-hang-timeout 10m "$@" || rc=$?
    exit "$rc"
}

cmd_bench() {
    # Set up and build like `test`, start Azurite in memory, run the bench/ project (args: overhead|resume|
    # concurrency|all [--runs N] [--workflows N]); the JSON goes to stdout and to bench/results/ (git-ignored).
    setup
    build
    cd "$ROOT"
    start_test_azurite
    mkdir -p "$ROOT/bench/results"
    local out="$ROOT/bench/results/$(date -u +%Y%m%dT%H%M%SZ)-${1:-all}.json"
    dotnet "$ROOT/bench/ScribeActors.Bench/bin/$CONFIGURATION/net10.0/ScribeActors.Bench.dll" "$@" | tee "$out"
    say "results written to ${out#"$ROOT"/}"
}

main() {
    local command="${1:-help}"
    [[ $# -gt 0 ]] && shift
    case "$command" in
        demo) cmd_demo "$@" ;;
        test) cmd_test "$@" ;;
        build) setup; build force ;;
        setup) setup; say "set-up complete" ;;
        bench) cmd_bench "$@" ;;
        help|-h|--help) usage ;;
        *) usage >&2; say "error: unknown command '$command'"; exit 2 ;;
    esac
}

# Run only when executed, so the functions can be sourced and exercised on their own.
if [[ "${BASH_SOURCE[0]}" == "$0" ]]; then
    main "$@"
fi
