# shellcheck shell=bash
# A throwaway PostgreSQL cluster for tests and benchmarks (Debian's packages). Source bin/lib/common.sh
# first. bin/pg-throwaway is the command-line front end; bin/test uses the functions directly.
#
# Layout of a cluster directory DIR:
#   DIR/.caseflow-throwaway   marker: DIR was made by pg_throwaway_start and may be deleted by stop
#   DIR/data/                 the cluster (initdb), owned by the user that runs the server
#   DIR/.s.PGSQL.<port>       the Unix socket (-k DIR), besides the TCP listener on 127.0.0.1
#   DIR/port                  the TCP port the server listens on
#   DIR/postgres.log          the server's log
#
# The cluster trusts every local connection (--auth=trust) and listens on 127.0.0.1 only. fsync,
# synchronous_commit and full_page_writes are off: fast, and a crash loses the cluster, which is the point.

CASEFLOW_PG_MARKER=".caseflow-throwaway"
CASEFLOW_PG_USER="caseflow"
CASEFLOW_PG_DB="caseflow"

# pg_bin_dir: the newest installed server's bin directory, or nothing.
pg_bin_dir() {
    local dirs
    dirs="$(compgen -G '/usr/lib/postgresql/*/bin' | sort -V | tail -n 1 || true)"
    [[ -n "$dirs" && -x "$dirs/initdb" ]] && printf '%s\n' "$dirs"
    return 0
}

# pg_ensure_installed: print the server's bin directory, installing Debian's postgresql first if none.
pg_ensure_installed() {
    local bin
    bin="$(pg_bin_dir)"
    if [[ -z "$bin" ]]; then
        is_root || die "PostgreSQL server not found in /usr/lib/postgresql/*/bin; install it as root: apt-get install -y postgresql"
        apt_install postgresql || die "apt-get install postgresql failed"
        bin="$(pg_bin_dir)"
        [[ -n "$bin" ]] || die "postgresql installed but no /usr/lib/postgresql/*/bin/initdb found"
    fi
    printf '%s\n' "$bin"
}

# _pg_as_owner DIR CMD...: run CMD as the cluster's owner, in DIR. initdb and pg_ctl refuse to run as
# root, so root runs them as the "postgres" user (created by Debian's postgresql-common package).
_pg_as_owner() {
    local dir="$1"
    shift
    if is_root; then
        (cd "$dir" && runuser -u postgres -- "$@")
    else
        (cd "$dir" && "$@")
    fi
}

# _pg_port_busy PORT: true when something already listens on 127.0.0.1:PORT.
_pg_port_busy() {
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

# pg_throwaway_url DIR: the DATABASE_URL of the cluster in DIR.
pg_throwaway_url() {
    local dir="$1" port
    [[ -f "$dir/port" ]] || die "$dir has no throwaway cluster (no $dir/port)"
    port="$(<"$dir/port")"
    printf 'postgres://%s@127.0.0.1:%s/%s\n' "$CASEFLOW_PG_USER" "$port" "$CASEFLOW_PG_DB"
}

# pg_throwaway_running DIR: true when the cluster in DIR is running.
pg_throwaway_running() {
    local dir="$1" bin
    [[ -d "$dir/data" ]] || return 1
    bin="$(pg_bin_dir)"
    [[ -n "$bin" ]] || return 1
    _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" status >/dev/null 2>&1
}

# pg_throwaway_start DIR: create (if needed) and start a cluster in DIR, create the database "caseflow"
# owned by the role "caseflow", and print its DATABASE_URL on stdout. DIR must be new, empty, or a
# directory an earlier call made. The port is CASEFLOW_PG_PORT (default 55432) or the next free one.
pg_throwaway_start() {
    local dir="$1" bin port first last attempt
    [[ -n "$dir" ]] || die "pg_throwaway_start: no directory given"
    bin="$(pg_ensure_installed)" || exit 1

    mkdir -p "$dir"
    dir="$(cd "$dir" && pwd)"
    if [[ ! -e "$dir/$CASEFLOW_PG_MARKER" ]]; then
        [[ -z "$(ls -A "$dir")" ]] || die "$dir is not empty and was not made by pg-throwaway; refusing to use it"
        touch "$dir/$CASEFLOW_PG_MARKER"
    fi
    # The directory is passed to the server inside one -o string, and a Unix socket path is limited to
    # 107 bytes: keep it short and free of spaces.
    [[ "$dir" != *[[:space:]]* ]] || die "$dir contains a space; use a directory without one"
    (( ${#dir} <= 80 )) || die "$dir is too long for a PostgreSQL socket directory; use a shorter one (e.g. under /tmp)"

    if pg_throwaway_running "$dir"; then
        log "PostgreSQL already running in $dir"
        pg_throwaway_url "$dir"
        return 0
    fi

    if is_root; then
        chown -R postgres: "$dir"
        runuser -u postgres -- test -w "$dir" \
            || die "the postgres user cannot write to $dir (a parent directory is private); use a directory under /tmp"
    fi

    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
        log "initdb $dir/data ($("$bin/postgres" --version))"
        _pg_as_owner "$dir" "$bin/initdb" -D "$dir/data" -U "$CASEFLOW_PG_USER" --auth=trust \
            -E UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
            || { cat "$dir/initdb.log" >&2; die "initdb failed"; }
    fi

    # Try CASEFLOW_PG_PORT, then the next ports: a port can be taken between the check and the start
    # (another bin/test running at the same time), so a bind failure also moves on to the next port.
    first="${CASEFLOW_PG_PORT:-55432}"
    last=$((first + 20))
    port=""
    for ((attempt = first; attempt <= last; attempt++)); do
        _pg_port_busy "$attempt" && continue
        rm -f "$dir/postgres.log"
        if _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -l "$dir/postgres.log" -w -t 60 \
            -o "-c listen_addresses=127.0.0.1 -p $attempt -k $dir -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
            start >/dev/null
        then
            port="$attempt"
            break
        fi
        if ! grep -qiE 'could not (bind|create listen)|address already in use' "$dir/postgres.log"; then
            tail -n 20 "$dir/postgres.log" >&2
            die "PostgreSQL did not start (log above, $dir/postgres.log)"
        fi
    done
    [[ -n "$port" ]] || die "no free port between $first and $last for PostgreSQL"
    printf '%s\n' "$port" >"$dir/port"

    "$bin/psql" -h 127.0.0.1 -p "$port" -U "$CASEFLOW_PG_USER" -d postgres -qAt \
        -c "SELECT 1 FROM pg_database WHERE datname = '$CASEFLOW_PG_DB'" | grep -q 1 \
        || "$bin/createdb" -h 127.0.0.1 -p "$port" -U "$CASEFLOW_PG_USER" "$CASEFLOW_PG_DB" \
        || die "createdb $CASEFLOW_PG_DB failed"
    log "PostgreSQL running on 127.0.0.1:$port (data in $dir)"
    pg_throwaway_url "$dir"
}

# pg_throwaway_stop DIR [--keep]: stop the cluster in DIR (fast shutdown: open sessions are ended) and,
# unless --keep, delete DIR. Safe to call on a directory whose cluster is stopped or was never started.
pg_throwaway_stop() {
    local dir="$1" keep="${2:-}" bin
    [[ -n "$dir" && -d "$dir" ]] || return 0
    if pg_throwaway_running "$dir"; then
        bin="$(pg_bin_dir)"
        _pg_as_owner "$dir" "$bin/pg_ctl" -D "$dir/data" -m fast -w -t 60 stop >/dev/null \
            || warn "pg_ctl stop failed for $dir"
    fi
    if [[ "$keep" != "--keep" ]]; then
        if [[ -e "$dir/$CASEFLOW_PG_MARKER" ]]; then
            rm -rf "$dir"
        else
            warn "$dir was not made by pg-throwaway; not deleting it"
        fi
    fi
}
