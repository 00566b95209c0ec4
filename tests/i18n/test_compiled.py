"""The committed django.mo is the committed django.po compiled: CI machines may lack gettext, so the .mo
is part of the source (as in Django itself), and a .po edited without ``compilemessages`` would change
nothing on screen."""

from __future__ import annotations

import gettext

import pytest

from tests.i18n.conftest import MO_PATH, where


@pytest.fixture(scope="module")
def compiled() -> gettext.GNUTranslations:
    with MO_PATH.open("rb") as handle:
        return gettext.GNUTranslations(handle)


def _lookup(compiled: gettext.GNUTranslations, entry, n: int = 1) -> str:
    if entry.msgid_plural is not None:
        if entry.msgctxt is not None:
            return compiled.npgettext(entry.msgctxt, entry.msgid, entry.msgid_plural, n)
        return compiled.ngettext(entry.msgid, entry.msgid_plural, n)
    if entry.msgctxt is not None:
        return compiled.pgettext(entry.msgctxt, entry.msgid)
    return compiled.gettext(entry.msgid)


def test_every_message_of_the_po_translates_through_the_mo(compiled, entries):
    stale = [
        f"{where(entry)}: the .mo says {_lookup(compiled, entry)!r}"
        for entry in entries
        if _lookup(compiled, entry) != entry.translations[0]
    ]
    assert not stale, "run `manage.py compilemessages -l zh_Hans --ignore=.venv`:\n" + "\n".join(stale)


def test_plural_messages_use_their_one_form_for_every_count(compiled, entries):
    for entry in (e for e in entries if e.msgid_plural):
        assert {_lookup(compiled, entry, n) for n in (0, 1, 2, 5, 21)} == {entry.translations[0]}, where(
            entry
        )


def test_the_mo_holds_nothing_the_po_does_not(compiled, entries):
    """A message removed from the .po but still compiled means the .mo was not rebuilt."""
    keys = set()
    for entry in entries:
        msgid = entry.msgid if entry.msgctxt is None else f"{entry.msgctxt}\x04{entry.msgid}"
        keys.add((msgid, 0) if entry.msgid_plural is not None else msgid)
    compiled_keys = {key for key in compiled._catalog if key != ""}  # "" is the header
    assert compiled_keys - keys == set(), "run compilemessages"


def test_the_mo_declares_one_plural_form(compiled):
    assert compiled.info()["plural-forms"] == "nplurals=1; plural=0;"
