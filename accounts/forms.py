"""Forms of the accounts screens: the language preference."""

from __future__ import annotations

from django import forms

from accounts.models import User


class LanguageForm(forms.Form):
    """The language switch in the page header; ``next`` is where to go afterwards."""

    language = forms.ChoiceField(choices=User.Language.choices)
    next = forms.CharField(required=False, widget=forms.HiddenInput)
