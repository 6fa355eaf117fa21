# Shared by start.sh and stop.sh (sourced, not run). Bash only.
# Everything here is about "the Azurite that start.sh starts": where its pid file and log live,
# and how to tell whether a pid or a port belongs to an Azurite.

AZURITE_DIR="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
AZURITE_HOST=127.0.0.1
AZURITE_BLOB_PORT=10000
AZURITE_QUEUE_PORT=10001
AZURITE_TABLE_PORT=10002
AZURITE_PORTS=("$AZURITE_BLOB_PORT" "$AZURITE_QUEUE_PORT" "$AZURITE_TABLE_PORT")

# Persistent mode keeps data, pid file and log together under Azurite/data/ (git-ignored).
AZURITE_DEFAULT_LOCATION="$AZURITE_DIR/data"
# In-memory mode writes nothing into the repository: its pid file and log go to a temp folder.
AZURITE_MEMORY_RUN_DIR="${TMPDIR:-/tmp}/scribe-azurite-$(id -u)"

# Exit codes of start.sh (stop.sh uses 0 and 1 only).
AZURITE_EXIT_FAILED=1
AZURITE_EXIT_USAGE=2
AZURITE_EXIT_ALREADY_RUNNING=3
AZURITE_EXIT_PORT_TAKEN=4

azurite_log() { printf 'azurite: %s\n' "$*" >&2; }

# azurite_pid_alive PID: true when PID is a running process whose command line mentions azurite
# (guards against a stale pid file whose number was reused by something else).
azurite_pid_alive() {
    local pid="$1"
    [[ "$pid" =~ ^[0-9]+$ ]] || return 1
    kill -0 "$pid" 2>/dev/null || return 1
    [[ -r "/proc/$pid/cmdline" ]] || return 0
    tr '\0' ' ' <"/proc/$pid/cmdline" | grep -qi azurite
}

# azurite_read_pid FILE: prints the pid stored in FILE when that process is a live Azurite.
azurite_read_pid() {
    local file="$1" pid
    [[ -f "$file" ]] || return 1
    pid="$(tr -dc '0-9' <"$file")"
    azurite_pid_alive "$pid" || return 1
    printf '%s\n' "$pid"
}

# azurite_port_open PORT: true when something accepts TCP connections on 127.0.0.1:PORT.
azurite_port_open() {
    (exec 3<>"/dev/tcp/$AZURITE_HOST/$1") 2>/dev/null
}

# azurite_port_owner PORT: prints the pid listening on PORT, when the system tells (ss, else lsof).
azurite_port_owner() {
    local port="$1" out=""
    if command -v ss >/dev/null 2>&1; then
        out="$(ss -Hltnp "sport = :$port" 2>/dev/null | grep -o 'pid=[0-9]*' | head -n1 | cut -d= -f2)"
    fi
    if [[ -z "$out" ]] && command -v lsof >/dev/null 2>&1; then
        out="$(lsof -nP -t -iTCP:"$port" -sTCP:LISTEN 2>/dev/null | head -n1)"
    fi
    [[ -n "$out" ]] && printf '%s\n' "$out"
}

# azurite_http_server PORT: prints the Server header that 127.0.0.1:PORT answers a plain GET with.
# Azurite answers "Azurite-Blob/<version>" (and -Queue, -Table), which tells an Azurite started
# elsewhere apart from an unrelated program holding the port.
azurite_http_server() {
    local port="$1" line
    exec 3<>"/dev/tcp/$AZURITE_HOST/$port" 2>/dev/null || return 1
    printf 'GET / HTTP/1.0\r\nHost: %s:%s\r\n\r\n' "$AZURITE_HOST" "$port" >&3 2>/dev/null || { exec 3<&-; return 1; }
    while IFS= read -r -t 3 line <&3; do
        line="${line%$'\r'}"
        [[ -z "$line" ]] && break
        if [[ "${line,,}" == server:* ]]; then
            printf '%s\n' "${line#*:}" | sed 's/^ *//'
            break
        fi
    done
    exec 3<&-
    return 0
}

# azurite_persistent_pid_file LOCATION / azurite_memory_pid_file: where start.sh records its pid.
azurite_persistent_pid_file() { printf '%s/azurite.pid\n' "$1"; }
azurite_memory_pid_file() { printf '%s/azurite.pid\n' "$AZURITE_MEMORY_RUN_DIR"; }
