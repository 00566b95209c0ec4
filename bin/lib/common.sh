# shellcheck shell=bash
# Shared helpers for the scripts in bin/. Source this file; it defines functions and CASEFLOW_ROOT only.

# The project root: the directory above bin/.
CASEFLOW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
export CASEFLOW_ROOT

# Messages go to stderr so that a script's stdout stays parseable (bin/pg-throwaway prints a URL there).
log() {
    printf '==> %s\n' "$*" >&2
}

warn() {
    printf 'warning: %s\n' "$*" >&2
}

die() {
    printf 'error: %s\n' "$*" >&2
    exit 1
}

is_root() {
    [[ "$(id -u)" -eq 0 ]]
}

# apt_install PACKAGE...: install Debian packages (root only). "apt-get update" runs once per process, just
# before the first install, because a fresh machine's package lists may be empty or stale.
_CASEFLOW_APT_UPDATED=0
apt_install() {
    is_root || die "installing $* needs root (apt-get); install it yourself: sudo apt-get install -y $*"
    command -v apt-get >/dev/null || die "apt-get not found: install $* with this system's package manager"
    if [[ "$_CASEFLOW_APT_UPDATED" -eq 0 ]]; then
        log "apt-get update"
        DEBIAN_FRONTEND=noninteractive apt-get update -q >&2 || return 1
        _CASEFLOW_APT_UPDATED=1
    fi
    log "apt-get install -y $*"
    DEBIAN_FRONTEND=noninteractive apt-get install -y -q "$@" >&2
}

# now_s: seconds since the epoch (for stage timings).
now_s() {
    date +%s
}
