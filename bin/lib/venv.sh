# shellcheck shell=bash
# The project's virtual environment: .venv in the project root, created with Python 3.11 and holding an
# editable install of the project. Source bin/lib/common.sh first.
#
# Re-running is fast: after a successful install a stamp file inside .venv records a hash of
# pyproject.toml and the extras installed; pip runs again only when that hash changes.

CASEFLOW_VENV="${CASEFLOW_VENV:-$CASEFLOW_ROOT/.venv}"
CASEFLOW_PY="$CASEFLOW_VENV/bin/python"

# _venv_base_python: the interpreter that creates the venv. CASEFLOW_PYTHON overrides; otherwise
# python3.11, or python3 when it is a supported version (pyproject.toml: >=3.11,<3.14).
_venv_base_python() {
    local candidate
    for candidate in "${CASEFLOW_PYTHON:-}" python3.11 python3; do
        [[ -n "$candidate" ]] || continue
        command -v "$candidate" >/dev/null 2>&1 || continue
        if "$candidate" -c 'import sys; sys.exit(not ((3, 11) <= sys.version_info[:2] < (3, 14)))' 2>/dev/null
        then
            printf '%s\n' "$candidate"
            return 0
        fi
    done
    die "no Python 3.11 to 3.13 found (tried ${CASEFLOW_PYTHON:-} python3.11 python3); set CASEFLOW_PYTHON"
}

# _venv_stamp EXTRAS: what the stamp file holds after installing with EXTRAS ("" or "test").
_venv_stamp() {
    local hash
    hash="$(sha256sum "$CASEFLOW_ROOT/pyproject.toml" | cut -d' ' -f1)"
    printf 'pyproject=%s extras=%s\n' "$hash" "$1"
}

# venv_ensure [EXTRAS]: create .venv if needed and install the project into it (with EXTRAS, e.g. "test").
# An install with the test extras also satisfies a later call without extras, so bin/run after bin/test
# does not reinstall.
venv_ensure() {
    local extras="${1:-}" stamp_file="$CASEFLOW_VENV/.caseflow-install-stamp" want have="" spec base

    # A venv whose interpreter no longer runs (moved, or its base Python removed) is rebuilt.
    if [[ -e "$CASEFLOW_VENV" ]] && ! "$CASEFLOW_PY" -c 'import sys' >/dev/null 2>&1; then
        warn "$CASEFLOW_VENV is broken (its python does not run); recreating it"
        rm -rf "$CASEFLOW_VENV"
    fi
    if [[ ! -x "$CASEFLOW_PY" ]]; then
        base="$(_venv_base_python)"
        log "creating $CASEFLOW_VENV with $base ($("$base" --version 2>&1))"
        "$base" -m venv "$CASEFLOW_VENV"
    fi

    want="$(_venv_stamp "$extras")"
    [[ -f "$stamp_file" ]] && have="$(<"$stamp_file")"
    if [[ "$have" == "$want" || ( -z "$extras" && "${have%% *}" == "${want%% *}" ) ]] \
        && "$CASEFLOW_PY" -c 'import importlib.metadata as m; m.version("caseflow")' >/dev/null 2>&1
    then
        return 0
    fi

    spec="$CASEFLOW_ROOT"
    [[ -n "$extras" ]] && spec="${CASEFLOW_ROOT}[$extras]"
    log "installing the project into .venv: pip install -e '$spec'"
    # Two scripts installing into the same venv at once would trip over each other: take a lock.
    (
        flock 9
        "$CASEFLOW_PY" -m pip install --disable-pip-version-check --progress-bar off --quiet -e "$spec"
    ) 9>"$CASEFLOW_VENV/.caseflow-install.lock" || die "pip install -e '$spec' failed"
    printf '%s\n' "$want" >"$stamp_file"
}

# manage ARGS...: run manage.py with the venv's interpreter.
manage() {
    "$CASEFLOW_PY" "$CASEFLOW_ROOT/manage.py" "$@"
}
