# shellcheck shell=bash
# Debian's Chromium for the browser tests. Source bin/lib/common.sh first.
#
# Python Playwright (a PyPI wheel, one of the test extras) drives /usr/bin/chromium; Playwright's own
# browser download ("playwright install") is never used: it cannot be fetched on these machines.

CASEFLOW_CHROMIUM="${CASEFLOW_CHROMIUM:-/usr/bin/chromium}"

# chromium_ensure: make sure Chromium is installed, installing Debian's package as root if needed.
chromium_ensure() {
    if [[ -x "$CASEFLOW_CHROMIUM" ]]; then
        return 0
    fi
    if ! is_root; then
        printf 'error: %s not found. Install it (as root: apt-get install -y chromium), or skip the browser tests\n' \
            "$CASEFLOW_CHROMIUM" >&2
        printf '       on purpose: CASEFLOW_SKIP_BROWSER=1 bin/test\n' >&2
        return 1
    fi
    apt_install chromium || return 1
    [[ -x "$CASEFLOW_CHROMIUM" ]] || { printf 'error: chromium installed but %s is missing\n' "$CASEFLOW_CHROMIUM" >&2; return 1; }
}
