"""Forms of the lawyer screens. They validate input and say what is wrong in the reader's language;
the writes happen in the services, whose ``ValidationError`` ends up on the form (:func:`add_service_error`).
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from accounts.models import User
from alerts.models import PauseRequest
from caseflow.models import Court, EventType, Matter, MatterEvent, MatterType, Stage

ISO = ["%Y-%m-%d"]


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%Y-%m-%d")


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None) -> None:
        super().__init__(attrs=attrs, format="%H:%M")


def date_field(label, **kwargs) -> forms.DateField:
    return forms.DateField(label=label, input_formats=ISO, widget=DateInput(), **kwargs)


def time_field(label, **kwargs) -> forms.TimeField:
    return forms.TimeField(label=label, input_formats=["%H:%M", "%H:%M:%S"], widget=TimeInput(), **kwargs)


def reason_field(label=None, *, required: bool = True, help_text: str = "") -> forms.CharField:
    return forms.CharField(
        label=label or _("Reason"),
        required=required,
        max_length=2000,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


def add_service_error(form: forms.Form, exc: ValidationError) -> None:
    """Put a service's ``ValidationError`` on the form: errors naming one of its fields go to that field,
    everything else is a form-wide error."""
    if hasattr(exc, "error_dict"):
        for name, errors in exc.error_dict.items():
            form.add_error(name if name in form.fields else None, errors)
    else:
        form.add_error(None, exc)


class JurisdictionSelect(forms.Select):
    """A select whose options carry ``data-jurisdiction`` so the open-matter form can narrow the courts
    to the chosen matter type's jurisdiction in the browser (the server checks it again)."""

    def create_option(self, name, value, label, selected, index, subindex=None, attrs=None):
        option = super().create_option(name, value, label, selected, index, subindex, attrs)
        instance = getattr(value, "instance", None)
        if instance is not None:
            option["attrs"]["data-jurisdiction"] = instance.jurisdiction
        return option


class OpenMatterForm(forms.Form):
    number = forms.CharField(label=_("Matter number"), max_length=60)
    title = forms.CharField(label=_("Title"), max_length=300)
    client = forms.CharField(label=_("Client"), max_length=200)
    opposing_party = forms.CharField(label=_("Opposing party"), max_length=200, required=False)
    matter_type = forms.ModelChoiceField(
        label=_("Matter type"), queryset=MatterType.objects.none(), widget=JurisdictionSelect
    )
    court = forms.ModelChoiceField(
        label=_("Court or forum"),
        queryset=Court.objects.none(),
        required=False,
        widget=JurisdictionSelect,
        help_text=_(
            "Its calendar and time zone decide the due dates. "
            "Without a court, the matter type's calendar is used."
        ),
    )
    lead_lawyer = forms.ModelChoiceField(label=_("Lead lawyer"), queryset=User.objects.none())
    team = forms.ModelChoiceField(label=_("Team"), queryset=None)
    opened_on = date_field(_("Opened on"))
    description = forms.CharField(
        label=_("Notes"), required=False, widget=forms.Textarea(attrs={"rows": 3}), max_length=5000
    )

    def __init__(self, *args, teams, lead_lawyers, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["matter_type"].queryset = MatterType.objects.filter(active=True).order_by(
            "jurisdiction", "code"
        )
        self.fields["court"].queryset = Court.objects.order_by("jurisdiction", "code")
        self.fields["lead_lawyer"].queryset = lead_lawyers
        self.fields["team"].queryset = teams

    def clean_number(self) -> str:
        number = self.cleaned_data["number"].strip()
        if Matter.objects.filter(number=number).exists():
            raise ValidationError(_("A matter with this number already exists."))
        return number

    def clean(self):
        data = super().clean()
        matter_type, court = data.get("matter_type"), data.get("court")
        if matter_type and court and court.jurisdiction != matter_type.jurisdiction:
            self.add_error(
                "court",
                _("%(court)s is not in the jurisdiction of %(type)s (%(jurisdiction)s).")
                % {"court": court.name, "type": matter_type.name, "jurisdiction": matter_type.jurisdiction},
            )
        return data


def _moment(date: dt.date | None, time: dt.time | None, zone: str) -> dt.datetime | None:
    if date is None or time is None:
        return None
    return dt.datetime.combine(date, time, tzinfo=ZoneInfo(zone))


class RecordEventForm(forms.Form):
    event_type = forms.ModelChoiceField(label=_("Event"), queryset=EventType.objects.none())
    occurred_on = date_field(_("Date"))
    occurred_time = time_field(
        _("Time"),
        required=False,
        help_text=_("Needed when a stage counting from this event is measured in hours."),
    )
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )

    def __init__(
        self, *args, matter: Matter, event_types: list[EventType], hourly: set[int], **kwargs
    ) -> None:
        super().__init__(*args, **kwargs)
        self.matter = matter
        self.hourly = hourly
        self.fields["event_type"].queryset = EventType.objects.filter(pk__in=[t.pk for t in event_types])
        self.fields["event_type"].choices = [("", "---------")] + [(t.pk, t.name) for t in event_types]

    def clean(self):
        data = super().clean()
        event_type = data.get("event_type")
        if event_type is not None and event_type.pk in self.hourly and data.get("occurred_time") is None:
            self.add_error(
                "occurred_time",
                _("A stage counting from %(event)s is measured in hours: give the time of day.")
                % {"event": event_type.name},
            )
        data["occurred_at"] = _moment(
            data.get("occurred_on"), data.get("occurred_time"), self.matter.time_zone
        )
        return data


class CorrectEventForm(forms.Form):
    occurred_on = date_field(_("Correct date"))
    occurred_time = time_field(_("Correct time"), required=False)
    reason = reason_field(_("Reason for the correction"))

    def __init__(self, *args, event: MatterEvent, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.event = event
        if event.occurred_at is None:
            self.fields["occurred_time"].help_text = _("Only for events a stage counts from in hours.")

    def clean(self):
        data = super().clean()
        if (
            self.event.occurred_at is not None
            and data.get("occurred_on")
            and data.get("occurred_time") is None
        ):
            self.add_error("occurred_time", _("This event was recorded with a time: give the correct time."))
        data["occurred_at"] = _moment(
            data.get("occurred_on"), data.get("occurred_time"), self.event.matter.time_zone
        )
        return data


class WithdrawEventForm(forms.Form):
    reason = reason_field(_("Why the event is withdrawn"))


class CompleteStageForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )


class PauseRequestForm(forms.Form):
    category = forms.ChoiceField(label=_("Kind of pause"), choices=PauseRequest.Category.choices)
    start_date = date_field(_("Paused from"))
    reason = reason_field(_("Reason"))
    legal_basis = forms.CharField(
        label=_("Legal basis"), max_length=300, required=False, help_text=_("e.g. 民事诉讼法第一百五十三条")
    )


class EndPauseForm(forms.Form):
    end_date = date_field(
        _("Last day of the pause"), help_text=_("The day the cause ended; the clock runs again the next day.")
    )


class ExtensionRequestForm(forms.Form):
    new_due_date = date_field(_("New due date"))
    reason = reason_field(_("Reason"))
    legal_basis = forms.CharField(label=_("Legal basis"), max_length=300)


class AcknowledgeForm(forms.Form):
    """Nothing to fill in: the button says "I have seen this warning"."""


class CancelStageForm(forms.Form):
    reason = reason_field(_("Why the stage is cancelled"))


class ReopenStageForm(forms.Form):
    reason = reason_field(_("Why the stage is reopened"))


class ReassignStageForm(forms.Form):
    responsible = forms.ModelChoiceField(label=_("New responsible person"), queryset=User.objects.none())
    reason = reason_field(_("Reason"))

    def __init__(self, *args, stage: Stage, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["responsible"].queryset = (
            User.objects.filter(is_active=True)
            .exclude(pk=stage.responsible_id)
            .order_by("full_name", "username")
        )
