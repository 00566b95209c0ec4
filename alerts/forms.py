"""Forms of the supervision screens. They only check input; the services decide (and check rights)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from accounts.models import Team


class AcknowledgeForm(forms.Form):
    note = forms.CharField(
        label=_("Note (optional)"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
        help_text=_("Acknowledging stops the escalation ladder: nobody further up is notified."),
    )


class CommentForm(forms.Form):
    text = forms.CharField(label=_("Comment"), max_length=4000, widget=forms.Textarea(attrs={"rows": 3}))


class ReassignForm(forms.Form):
    responsible = forms.ModelChoiceField(
        label=_("New responsible person"),
        queryset=None,
        help_text=_("An active member of the team or one of its sub-teams."),
    )
    reason = forms.CharField(label=_("Reason"), max_length=2000, widget=forms.Textarea(attrs={"rows": 2}))

    def __init__(self, *args, candidates, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["responsible"]
        field.queryset = candidates
        field.label_from_instance = lambda user: user.display_name


class DecisionForm(forms.Form):
    """Approve or reject a pause or an extension; a rejection must say why (the requester reads it)."""

    APPROVE = "approve"
    REJECT = "reject"

    decision = forms.ChoiceField(choices=[(APPROVE, _("Approve")), (REJECT, _("Reject"))])
    note = forms.CharField(label=_("Note"), required=False, max_length=2000)

    def clean(self):
        data = super().clean()
        if data.get("decision") == self.REJECT and not (data.get("note") or "").strip():
            self.add_error("note", _("Say why the request is rejected."))
        return data

    @property
    def approve(self) -> bool:
        return self.cleaned_data["decision"] == self.APPROVE


class TeamFilterForm(forms.Form):
    team = forms.ModelChoiceField(
        label=_("Team"), queryset=Team.objects.none(), required=False, empty_label=_("All my teams")
    )

    def __init__(self, *args, teams, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams
