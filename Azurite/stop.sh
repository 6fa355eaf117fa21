#!/usr/bin/env bash
# Stops the Azurite that Azurite/start.sh started, found through its pid file; never anything else.
# Usage: Azurite/stop.sh [--in-memory | --persistent] [--location DIR]
# Without a mode it stops whichever of the two start.sh started. Exit 0 when nothing of ours is
# left running (including "nothing was running"), 1 when a process would not stop.
set -euo pipefail

# shellcheck source=common.sh
source "$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)/common.sh"

which_modes="both"
location="$AZURITE_DEFAULT_LOCATION"
while [[ $# -gt 0 ]]; do
    case "$1" in
        --in-memory) which_modes="memory" ;;
        --persistent) which_modes="persistent" ;;
        --location)
            [[ $# -ge 2 ]] || { azurite_log "--location needs a directory"; exit 2; }
            location="$2"; shift ;;
        -h|--help) sed -n '2,5p' "${BASH_SOURCE[0]}" | sed 's/^# \{0,1\}//'; exit 0 ;;
        *) azurite_log "unknown option '$1' (see --help)"; exit 2 ;;
    esac
    shift
done

pid_files=()
[[ "$which_modes" != "persistent" ]] && pid_files+=("$(azurite_memory_pid_file)")
[[ "$which_modes" != "memory" ]] && pid_files+=("$(azurite_persistent_pid_file "$location")")

# True while PID exists and is not a zombie (a killed child not yet reaped counts as stopped).
running() {
    local state
    kill -0 "$1" 2>/dev/null || return 1
    state="$(awk '{print $3}' "/proc/$1/stat" 2>/dev/null || true)"
    [[ "$state" != Z ]]
}

stop_pid() {
    local pid="$1" i
    kill -TERM "$pid" 2>/dev/null || return 0
    # Azurite closes its servers on SIGTERM; that waits for open client connections to end.
    for ((i = 0; i < 100; i++)); do
        running "$pid" || return 0
        sleep 0.1
    done
    azurite_log "pid $pid did not stop within 10 s of SIGTERM (clients still connected?); sending SIGKILL"
    kill -KILL "$pid" 2>/dev/null || true
    for ((i = 0; i < 50; i++)); do
        running "$pid" || return 0
        sleep 0.1
    done
    return 1
}

stopped=0
rc=0
for file in "${pid_files[@]}"; do
    if pid="$(azurite_read_pid "$file")"; then
        if stop_pid "$pid"; then
            azurite_log "stopped Azurite (pid $pid)"
            stopped=$((stopped + 1))
            rm -f "$file"
        else
            azurite_log "could not stop Azurite (pid $pid)"
            rc=1
        fi
    else
        # A pid file whose process is gone (or is no longer Azurite) is stale.
        rm -f "$file"
    fi
done

if ((stopped == 0 && rc == 0)); then
    azurite_log "no Azurite started by Azurite/start.sh is running"
    if azurite_port_open "$AZURITE_BLOB_PORT"; then
        azurite_log "note: something else still listens on $AZURITE_HOST:$AZURITE_BLOB_PORT; it was not started here, so it is left alone"
    fi
fi
exit "$rc"
