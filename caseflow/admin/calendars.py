"""Admin for calendars, their years, days and change history, courts and court closures.

Calendar days are never edited through a plain change form: every change goes through a service that
renumbers working days, audits the change and recomputes the stages it affects. The calendar page
therefore offers two views of its own, "Import holiday notice" and "Change a day" (preview, then
confirm); years, days and changes are read-only here. Court closures are edited normally, but saving or
deleting one goes through :mod:`caseflow.calendars.closures` so the court's stages are recomputed.
"""

from __future__ import annotations

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.admin import OfficeAdminPermissions
from caseflow.calendars.changes import apply_notice, change_day, preview_notice, preview_plan
from caseflow.calendars.closures import delete_closure, save_closure
from caseflow.calendars.forms import DayChangeForm, NoticeForm
from caseflow.models import Calendar, CalendarChange, CalendarDay, CalendarYear, Court, CourtClosure


class ReadOnlyAdmin(OfficeAdminPermissions, admin.ModelAdmin):
    """Rows written only by services: viewable, never added, edited or deleted by hand."""

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class CalendarYearInline(OfficeAdminPermissions, admin.TabularInline):
    model = CalendarYear
    fields = ("year", "status", "source", "source_url", "loaded_at", "loaded_by")
    readonly_fields = fields
    extra = 0
    can_delete = False
    ordering = ("-year",)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Calendar)
class CalendarAdmin(OfficeAdminPermissions, admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "time_zone", "provisional_tail_days")
    fields = ("code", "name_zh", "name_en", "time_zone", "provisional_tail_days", "notes")
    readonly_fields = ("code", "provisional_tail_days")
    inlines = (CalendarYearInline,)
    change_form_template = "admin/caseflow/calendar/change_form.html"

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False  # calendars come from `manage.py load_calendars`

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False  # deleting would take every day and change record with it

    def get_urls(self):
        wrap = self.admin_site.admin_view
        return [
            path(
                "<int:object_id>/import-notice/",
                wrap(self.import_notice_view),
                name="caseflow_calendar_import_notice",
            ),
            path(
                "<int:object_id>/change-day/", wrap(self.change_day_view), name="caseflow_calendar_change_day"
            ),
            *super().get_urls(),
        ]

    def import_notice_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        calendar = self._calendar_to_change(request, object_id)
        preview = None
        if request.method == "POST":
            form = NoticeForm(request.POST, request.FILES, calendar=calendar)
            if form.is_valid():
                if "confirm" in request.POST:
                    try:
                        change = apply_notice(calendar, form.notice, by=request.user, now=timezone.now())
                    except ValidationError as exc:
                        form.add_error(None, exc)
                    else:
                        return self._done(request, calendar, change)
                else:
                    preview = preview_notice(calendar, form.notice)
        else:
            form = NoticeForm(calendar=calendar)
        context = {"title": _("Import holiday notice"), "form": form, "preview": preview}
        return self._render(request, calendar, "import_notice.html", context)

    def change_day_view(self, request: HttpRequest, object_id: int) -> HttpResponse:
        calendar = self._calendar_to_change(request, object_id)
        preview = None
        if request.method == "POST":
            form = DayChangeForm(request.POST, calendar=calendar)
            if form.is_valid():
                if "confirm" in request.POST:
                    data = form.cleaned_data
                    try:
                        change = change_day(
                            calendar,
                            date=data["date"],
                            kind=data["kind"],
                            name_zh=data["name_zh"].strip(),
                            name_en=data["name_en"].strip(),
                            source=data["source"],
                            reason=data["reason"],
                            by=request.user,
                            now=timezone.now(),
                        )
                    except ValidationError as exc:
                        form.add_error(None, exc)
                    else:
                        return self._done(request, calendar, change)
                else:
                    preview = preview_plan(calendar, form.plan)
        else:
            form = DayChangeForm(
                calendar=calendar, initial=self._day_initial(calendar, request.GET.get("date"))
            )
        context = {"title": _("Change a day"), "form": form, "preview": preview}
        return self._render(request, calendar, "change_day.html", context)

    def _calendar_to_change(self, request: HttpRequest, object_id: int) -> Calendar:
        calendar = get_object_or_404(Calendar, pk=object_id)
        if not self.has_change_permission(request, calendar):
            raise PermissionDenied
        return calendar

    def _day_initial(self, calendar: Calendar, date: str | None) -> dict:
        day = CalendarDay.objects.filter(calendar=calendar, date=date).first() if date else None
        if day is None:
            return {}
        return {"date": day.date, "kind": day.kind, "name_zh": day.name_zh, "name_en": day.name_en}

    def _render(
        self, request: HttpRequest, calendar: Calendar, template: str, context: dict
    ) -> TemplateResponse:
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "original": calendar,
            "calendar": calendar,
            "has_view_permission": True,
            **context,
        }
        return TemplateResponse(request, f"admin/caseflow/calendar/{template}", context)

    def _done(self, request: HttpRequest, calendar: Calendar, change: CalendarChange) -> HttpResponseRedirect:
        messages.success(
            request,
            _("%(summary)s. Stages recomputed: %(count)s.")
            % {"summary": change.summary, "count": change.stages_recomputed},
        )
        return HttpResponseRedirect(reverse("admin:caseflow_calendar_change", args=[calendar.pk]))


@admin.register(CalendarYear)
class CalendarYearAdmin(ReadOnlyAdmin):
    list_display = ("calendar", "year", "status", "source", "loaded_at", "loaded_by")
    list_filter = ("calendar", "status")
    list_select_related = ("calendar", "loaded_by")


@admin.register(CalendarDay)
class CalendarDayAdmin(ReadOnlyAdmin):
    list_display = (
        "date",
        "calendar",
        "kind",
        "is_working",
        "official",
        "name_zh",
        "name_en",
        "workday_seq",
        "source",
    )
    list_filter = ("calendar", "kind", "official")
    list_select_related = ("calendar",)
    search_fields = ("name_zh", "name_en", "source")
    date_hierarchy = "date"
    change_form_template = "admin/caseflow/calendarday/change_form.html"


@admin.register(CalendarChange)
class CalendarChangeAdmin(ReadOnlyAdmin):
    list_display = ("changed_at", "calendar", "summary", "date", "changed_by", "stages_recomputed")
    list_filter = ("calendar",)
    list_select_related = ("calendar", "changed_by")
    search_fields = ("summary", "reason", "source")
    date_hierarchy = "changed_at"


class CourtClosureInline(OfficeAdminPermissions, admin.TabularInline):
    """Closures listed on the court page; they are edited on their own page so stages get recomputed."""

    model = CourtClosure
    fields = ("date", "kind", "name", "source")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    ordering = ("-date",)

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Court)
class CourtAdmin(OfficeAdminPermissions, admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "jurisdiction", "calendar", "time_zone")
    list_filter = ("jurisdiction", "calendar")
    list_select_related = ("calendar",)
    search_fields = ("code", "name_zh", "name_en")
    inlines = (CourtClosureInline,)


@admin.register(CourtClosure)
class CourtClosureAdmin(OfficeAdminPermissions, admin.ModelAdmin):
    list_display = ("date", "court", "kind", "name", "source", "created_by")
    list_filter = ("kind", "court")
    list_select_related = ("court", "created_by")
    search_fields = ("name", "source", "court__code", "court__name_zh")
    date_hierarchy = "date"
    fields = ("court", "date", "kind", "name", "source", "created_by", "created_at")
    readonly_fields = ("created_by", "created_at")
    autocomplete_fields = ("court",)

    def save_model(self, request: HttpRequest, obj: CourtClosure, form, change: bool) -> None:
        previous = None
        if change:
            previous = CourtClosure.objects.filter(pk=obj.pk).values_list("court_id", "date").first()
        count = save_closure(obj, previous=previous, by=request.user, now=timezone.now())
        self._report(request, count)

    def delete_model(self, request: HttpRequest, obj: CourtClosure) -> None:
        self._report(request, delete_closure(obj, by=request.user, now=timezone.now()))

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        now = timezone.now()
        self._report(request, sum(delete_closure(obj, by=request.user, now=now) for obj in queryset))

    def _report(self, request: HttpRequest, count: int) -> None:
        messages.info(request, _("Stages recomputed: %(count)s.") % {"count": count})
