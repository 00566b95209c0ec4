"""Forms of the calendar admin views: importing a holiday notice and changing one day.

Validation is the services' own (:func:`~caseflow.calendars.changes.read_notice`,
:func:`~caseflow.calendars.changes.plan_day_change`), so the admin and the command refuse the same things
with the same messages; the forms only turn those messages into form errors.
"""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from caseflow.calendars.changes import plan_day_change, read_notice
from caseflow.calendars.datafiles import DataFileError
from caseflow.calendars.notices import Notice
from caseflow.calendars.store import Plan
from caseflow.models import Calendar, DayKind

MAX_NOTICE_BYTES = 256 * 1024
PASTED = "pasted notice"


class NoticeForm(forms.Form):
    """Upload or paste a notice. After a preview, the text travels back in a hidden field to be confirmed."""

    file = forms.FileField(label=_("Notice file (YAML)"), required=False)
    text = forms.CharField(
        label=_("…or paste the notice"), required=False, widget=forms.Textarea(attrs={"rows": 18, "cols": 90})
    )
    filename = forms.CharField(required=False, widget=forms.HiddenInput)

    def __init__(self, *args, calendar: Calendar, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.notice: Notice | None = None

    def clean(self) -> dict:
        data = super().clean()
        upload = data.get("file")
        text = data.get("text") or ""
        if upload and text.strip():
            raise ValidationError(_("Upload a file or paste the notice, not both."))
        if upload:
            if upload.size > MAX_NOTICE_BYTES:
                raise ValidationError(_("The file is too large for a holiday notice."))
            try:
                text = upload.read().decode("utf-8-sig")
            except UnicodeDecodeError:
                raise ValidationError(_("%(name)s is not UTF-8 text.") % {"name": upload.name}) from None
            filename = upload.name
        elif text.strip():
            filename = data.get("filename") or PASTED
        else:
            raise ValidationError(_("Upload the notice file or paste its text."))
        try:
            notice = read_notice(text, filename=filename)
        except DataFileError as exc:
            raise ValidationError(exc.errors) from None
        if notice.calendar != self.calendar.code:
            raise ValidationError(
                _("%(file)s is a notice for calendar %(notice)s; this is calendar %(calendar)s.")
                % {"file": filename, "notice": notice.calendar, "calendar": self.calendar.code}
            )
        self.notice = notice
        data["text"], data["filename"] = text, filename
        return data


class DayChangeForm(forms.Form):
    date = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"))
    kind = forms.ChoiceField(label=_("Kind"), choices=DayKind.choices)
    name_zh = forms.CharField(label=_("Name (Chinese)"), max_length=100, required=False)
    name_en = forms.CharField(label=_("Name (English)"), max_length=100, required=False)
    source = forms.CharField(
        label=_("Source"),
        max_length=300,
        help_text=_("The notice, order or announcement, e.g. 国务院办公厅关于延长2020年春节假期的通知."),
    )
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 3, "cols": 90}))

    def __init__(self, *args, calendar: Calendar, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.calendar = calendar
        self.plan: Plan | None = None

    def clean(self) -> dict:
        data = super().clean()
        if self.errors:
            return data
        try:
            self.plan = plan_day_change(
                self.calendar,
                date=data["date"],
                kind=data["kind"],
                name_zh=data["name_zh"].strip(),
                name_en=data["name_en"].strip(),
                source=data["source"],
            )
        except ValidationError as exc:
            if hasattr(exc, "error_dict"):
                for field, errors in exc.error_dict.items():
                    self.add_error(field, errors)
            else:
                raise
        return data
