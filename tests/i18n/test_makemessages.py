"""The catalog is in step with the code: ``makemessages`` run now would neither add a message (a new
string someone forgot to translate) nor drop one (a string the code no longer uses).

It runs the real ``makemessages`` (GNU xgettext, msgmerge), with the same options as locale/README.md, on
a copy of the source tree and its ``locale/``: makemessages writes to the ``locale/`` directory of the tree
it walks whatever ``LOCALE_PATHS`` says, and the committed catalog must never change under a test run.
"""

from __future__ import annotations

import shutil

import pytest
from django.core.management import call_command
from django.test import override_settings

from tests.i18n import po
from tests.i18n.conftest import LOCALE_DIR, PO_PATH, ROOT

# The same as locale/README.md: third-party code, tests, benchmarks and build output are not ours.
IGNORE = [".venv", "bench", "tests", "staticfiles", "var"]
# Not copied at all (the same, plus what is big or not source).
NOT_COPIED = shutil.ignore_patterns(*IGNORE, ".git", "__pycache__", "node_modules", "*.egg-info", ".*")


def _key(entry: po.Entry) -> tuple[str | None, str, str | None]:
    return (entry.msgctxt, entry.msgid, entry.msgid_plural)


def _show(keys) -> str:
    return "\n".join(
        f"  {msgid!r}" + (f" (context {ctx!r})" if ctx else "") for ctx, msgid, _ in sorted(keys)
    )


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> list[po.Entry]:
    if shutil.which("xgettext") is None or shutil.which("msgmerge") is None:
        pytest.skip("GNU gettext (xgettext, msgmerge) is not installed: apt-get install gettext")
    tree = tmp_path_factory.mktemp("i18n") / "tree"
    shutil.copytree(ROOT, tree, ignore=NOT_COPIED)
    locale = tree / LOCALE_DIR.relative_to(ROOT)
    with pytest.MonkeyPatch.context() as patch, override_settings(LOCALE_PATHS=[locale]):
        patch.chdir(tree)  # makemessages reads the tree below the current directory
        call_command(
            "makemessages",
            locale=["zh_Hans"],
            ignore_patterns=IGNORE,
            no_obsolete=True,
            verbosity=0,
        )
    return [entry for entry in po.parse(locale / PO_PATH.relative_to(LOCALE_DIR)) if not entry.is_header]


def test_makemessages_adds_no_message(regenerated, entries):
    new = {_key(e) for e in regenerated} - {_key(e) for e in entries}
    assert not new, (
        "strings in the code that the catalog lacks; run makemessages and translate them "
        "(locale/README.md):\n" + _show(new)
    )


def test_makemessages_drops_no_message(regenerated, entries):
    gone = {_key(e) for e in entries} - {_key(e) for e in regenerated}
    assert not gone, (
        "the catalog translates strings the code no longer has; run makemessages --no-obsolete:\n"
        + _show(gone)
    )


def test_after_makemessages_everything_is_still_translated(regenerated):
    """msgmerge marks a changed string fuzzy (a guess from a similar one); that is not a translation."""
    wrong = [e.msgid for e in regenerated if e.fuzzy or not all(t.strip() for t in e.translations)]
    assert not wrong, "untranslated or fuzzy after makemessages:\n" + "\n".join(map(repr, wrong))
