#!/usr/bin/env bash
# Starts the pinned Azurite (see package.json) on 127.0.0.1: blob 10000, queue 10001, table 10002.
# Run with --help for the options. Exit codes: 0 started (or, in the foreground, Azurite's own
# exit code), 1 failed to start, 2 bad arguments, 3 an Azurite is already running on these ports
# (fine for callers that only need one), 4 a port is held by a program that is not Azurite.
set -euo pipefail

# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

usage() {
    cat <<EOF
Usage: Azurite/start.sh [--in-memory] [--background] [--location DIR] [--timeout SECONDS] [-- AZURITE-ARGS...]

Starts Azurite $(azurite_pinned_version) on $AZURITE_HOST (blob $AZURITE_BLOB_PORT, queue $AZURITE_QUEUE_PORT, table $AZURITE_TABLE_PORT)
with --skipApiVersionCheck --disableTelemetry --silent --loose.

  --in-memory      keep everything in memory (Azurite's --inMemoryPersistence); for tests.
                   Pid file and log go to $AZURITE_MEMORY_RUN_DIR/.
  (default)        persist data under Azurite/data/ (git-ignored), with azurite.pid and
                   azurite.log beside the data.
  --location DIR   persist data under DIR instead of Azurite/data/.
  --background     start detached, wait until all three ports answer, then return.
                   Without it Azurite runs in the foreground (Ctrl-C stops it).
  --timeout S      how long --background waits for the ports (default 30).
  -- ARGS          anything after -- goes to Azurite unchanged.

Runs 'npm ci' in Azurite/ first when node_modules is missing.
Exit codes: 0 started, 1 failed, 2 bad arguments, 3 Azurite already running, 4 a port is taken
by another program. Stop a copy started here with Azurite/stop.sh.
EOF
}

azurite_pinned_version() {
    sed -n 's/.*"azurite": *"\([^"]*\)".*/\1/p' "$AZURITE_DIR/package.json" | head -n1
}

in_memory=false
background=false
location="$AZURITE_DEFAULT_LOCATION"
timeout_s=30
extra_args=()
while [[ $# -gt 0 ]]; do
    case "$1" in
        --in-memory) in_memory=true ;;
        --background) background=true ;;
        --location)
            [[ $# -ge 2 ]] || { azurite_log "--location needs a directory"; exit "$AZURITE_EXIT_USAGE"; }
            location="$2"; shift ;;
        --timeout)
            [[ $# -ge 2 && "$2" =~ ^[0-9]+$ && "$2" -gt 0 ]] || { azurite_log "--timeout needs a positive number of seconds"; exit "$AZURITE_EXIT_USAGE"; }
            timeout_s="$2"; shift ;;
        -h|--help) usage; exit 0 ;;
        --) shift; extra_args=("$@"); break ;;
        *) azurite_log "unknown option '$1' (see --help)"; exit "$AZURITE_EXIT_USAGE" ;;
    esac
    shift
done
if $in_memory && [[ "$location" != "$AZURITE_DEFAULT_LOCATION" ]]; then
    azurite_log "--in-memory and --location exclude each other: in-memory mode stores nothing on disk"
    exit "$AZURITE_EXIT_USAGE"
fi

if $in_memory; then
    run_dir="$AZURITE_MEMORY_RUN_DIR"
    mode="in-memory"
else
    location="$(realpath -m -- "$location")"
    run_dir="$location"
    mode="persistent, data in $location"
fi
pid_file="$run_dir/azurite.pid"
log_file="$run_dir/azurite.log"

# --- Refuse to start over a running copy -------------------------------------------------------
# Our own copy (either mode) is found through its pid file; anything else through the ports.
wait_for_ports() {
    local deadline=$((SECONDS + timeout_s)) port
    for port in "${AZURITE_PORTS[@]}"; do
        until azurite_port_open "$port"; do
            if [[ -n "${1:-}" ]] && ! kill -0 "$1" 2>/dev/null; then
                return 1
            fi
            ((SECONDS < deadline)) || return 1
            sleep 0.2
        done
    done
}

for candidate in "$(azurite_memory_pid_file)" "$(azurite_persistent_pid_file "$location")" "$(azurite_persistent_pid_file "$AZURITE_DEFAULT_LOCATION")"; do
    if running_pid="$(azurite_read_pid "$candidate")"; then
        wait_for_ports "$running_pid" || true
        azurite_log "Azurite is already running on $AZURITE_HOST:$AZURITE_BLOB_PORT (pid $running_pid); not starting a second copy. Stop it with Azurite/stop.sh."
        exit "$AZURITE_EXIT_ALREADY_RUNNING"
    fi
done

for port in "${AZURITE_PORTS[@]}"; do
    if azurite_port_open "$port"; then
        owner="$(azurite_port_owner "$port" || true)"
        server="$(azurite_http_server "$port" || true)"
        if [[ "$server" == Azurite* ]]; then
            azurite_log "Azurite is already running on $AZURITE_HOST:$port (pid ${owner:-unknown}, $server, not started by this script); not starting a second copy."
            exit "$AZURITE_EXIT_ALREADY_RUNNING"
        fi
        azurite_log "port $port is in use by another process${owner:+ (pid $owner)}${server:+ answering as '$server'}; Azurite needs $AZURITE_HOST ports ${AZURITE_PORTS[*]}. Stop that process first."
        exit "$AZURITE_EXIT_PORT_TAKEN"
    fi
done

# --- Make sure the pinned Azurite is installed --------------------------------------------------
command -v node >/dev/null 2>&1 || { azurite_log "node is not installed; Azurite needs Node.js (Debian: apt-get install nodejs npm)"; exit "$AZURITE_EXIT_FAILED"; }
entry="$AZURITE_DIR/node_modules/azurite/dist/src/azurite.js"
if [[ ! -f "$entry" ]]; then
    command -v npm >/dev/null 2>&1 || { azurite_log "npm is not installed; it is needed once to install Azurite (Debian: apt-get install npm)"; exit "$AZURITE_EXIT_FAILED"; }
    azurite_log "installing the pinned Azurite with 'npm ci' in $AZURITE_DIR (once, ~30 s)"
    # Azurite 3.37 declares node >= 22 but runs on Node 20; keep npm from refusing if engine-strict is set.
    (cd "$AZURITE_DIR" && npm ci --no-audit --no-fund --loglevel=error --engine-strict=false) >&2
    [[ -f "$entry" ]] || { azurite_log "npm ci finished but $entry is missing"; exit "$AZURITE_EXIT_FAILED"; }
fi

args=(
    --blobHost "$AZURITE_HOST" --blobPort "$AZURITE_BLOB_PORT"
    --queueHost "$AZURITE_HOST" --queuePort "$AZURITE_QUEUE_PORT"
    --tableHost "$AZURITE_HOST" --tablePort "$AZURITE_TABLE_PORT"
    --skipApiVersionCheck --disableTelemetry --silent --loose
)
if $in_memory; then
    args+=(--inMemoryPersistence)
else
    args+=(--location "$location")
fi
args+=("${extra_args[@]}")
mkdir -p "$run_dir"

if ! $background; then
    # exec keeps the pid, so the pid file names the Azurite process itself.
    echo "$$" >"$pid_file"
    azurite_log "starting Azurite in the foreground ($mode); Ctrl-C stops it"
    exec node "$entry" "${args[@]}"
fi

: >"$log_file"
# setsid detaches Azurite from the caller's process group, so a Ctrl-C in the caller's terminal
# does not take it down; stop.sh stops it by pid.
if command -v setsid >/dev/null 2>&1; then
    setsid node "$entry" "${args[@]}" </dev/null >>"$log_file" 2>&1 &
else
    nohup node "$entry" "${args[@]}" </dev/null >>"$log_file" 2>&1 &
fi
pid=$!
echo "$pid" >"$pid_file"

if ! wait_for_ports "$pid"; then
    if kill -0 "$pid" 2>/dev/null; then
        azurite_log "Azurite (pid $pid) did not open ports ${AZURITE_PORTS[*]} within ${timeout_s}s; stopping it"
        kill "$pid" 2>/dev/null || true
    else
        azurite_log "Azurite exited during start-up"
    fi
    rm -f "$pid_file"
    azurite_log "last lines of $log_file:"
    tail -n 20 "$log_file" >&2 || true
    exit "$AZURITE_EXIT_FAILED"
fi
azurite_log "Azurite $(azurite_pinned_version) is running on $AZURITE_HOST:$AZURITE_BLOB_PORT/$AZURITE_QUEUE_PORT/$AZURITE_TABLE_PORT (pid $pid, $mode); log: $log_file"
