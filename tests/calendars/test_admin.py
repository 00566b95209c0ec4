"""The calendar admin: read-only lists, "Import holiday notice", "Change a day", court closures."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from caseflow.models import CalendarChange, CalendarDay, CalendarYear, Court, CourtClosure, DayKind
from tests.calendars.conftest import NOTICE_2027

D = dt.date.fromisoformat


def import_url(calendar) -> str:
    return reverse("admin:caseflow_calendar_import_notice", args=[calendar.pk])


def change_day_url(calendar) -> str:
    return reverse("admin:caseflow_calendar_change_day", args=[calendar.pk])


@pytest.mark.parametrize(
    "name",
    [
        "admin:caseflow_calendar_changelist",
        "admin:caseflow_calendaryear_changelist",
        "admin:caseflow_calendarday_changelist",
        "admin:caseflow_calendarchange_changelist",
        "admin:caseflow_court_changelist",
        "admin:caseflow_courtclosure_changelist",
        "admin:caseflow_courtclosure_add",
    ],
)
def test_the_lists_render(cn, admin_client, name):
    assert admin_client.get(reverse(name)).status_code == 200


def test_the_calendar_page_links_to_its_tools(cn, admin_client):
    page = admin_client.get(reverse("admin:caseflow_calendar_change", args=[cn.pk])).content.decode()
    assert import_url(cn) in page and change_day_url(cn) in page
    assert "2027" in page  # the years inline


def test_a_day_is_read_only_and_links_to_change_a_day(cn, admin_client):
    day = CalendarDay.objects.get(calendar=cn, date=D("2026-10-01"))
    page = admin_client.get(reverse("admin:caseflow_calendarday_change", args=[day.pk])).content.decode()
    assert f"{change_day_url(cn)}?date=2026-10-01" in page
    assert 'name="kind"' not in page  # no editable form
    assert admin_client.get(reverse("admin:caseflow_calendarday_add")).status_code == 403


def test_importing_a_notice_previews_then_confirms(cn, admin_client, admin_user):
    preview = admin_client.post(import_url(cn), {"text": NOTICE_2027, "preview": "1"})
    page = preview.content.decode()
    assert preview.status_code == 200
    assert 'id="calendar-preview"' in page and "2026-12-27" in page
    assert len(preview.context["preview"].kind_changes) == 30 + 7  # holiday days and make-up days
    assert "365 stored days change" in page and "365 become official" in page
    assert "0 stages examined a day between 2026-12-18 and 2027-12-17" in page
    assert cn.years.get(year=2027).status == CalendarYear.Status.PROVISIONAL  # nothing written yet

    text = preview.context["form"].cleaned_data["text"]
    done = admin_client.post(import_url(cn), {"text": text, "filename": "pasted notice", "confirm": "1"})
    assert done.status_code == 302
    assert done.url == reverse("admin:caseflow_calendar_change", args=[cn.pk])
    year = cn.years.get(year=2027)
    assert (year.status, year.loaded_by) == (CalendarYear.Status.OFFICIAL, admin_user)
    assert CalendarDay.objects.get(calendar=cn, date=D("2027-02-08")).kind == DayKind.HOLIDAY


def test_an_uploaded_notice_keeps_its_file_name_in_errors(cn, admin_client):
    upload = SimpleUploadedFile("cn-2027.yaml", NOTICE_2027.replace("year: 2027", "year: 2050").encode())
    response = admin_client.post(import_url(cn), {"file": upload, "preview": "1"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "cn-2027.yaml:2: CN has no days stored for 2050 (stored: 2004–2036); "
        "run `manage.py load_calendars` first"
    ]
    assert "cn-2027.yaml:2: CN has no days stored for 2050" in response.content.decode()


def test_a_malformed_notice_shows_every_error_and_writes_nothing(cn, admin_client):
    changes = CalendarChange.objects.count()
    text = NOTICE_2027.replace("2027-10-09, for: 国庆节", "2027-10-08, for: 国庆").replace(
        "name_en: Labour Day, ", ""
    )
    response = admin_client.post(import_url(cn), {"text": text, "confirm": "1"})
    assert response.status_code == 200
    assert response.context["form"].non_field_errors() == [
        "pasted notice:9: 'name_en' is required",
        "pasted notice:17: 'for' must name one of the notice's holidays (元旦, 春节, 清明节, 劳动节, 端午节, "
        "中秋节, 国庆节); found 'Labour Day'",
        "pasted notice:20: 'for' must name one of the notice's holidays (元旦, 春节, 清明节, 劳动节, 端午节, "
        "中秋节, 国庆节); found '国庆'",
        "pasted notice:20: make-up working day 2027-10-08 is a Friday; make-up days are Saturdays or Sundays",
    ]
    assert CalendarChange.objects.count() == changes
    assert cn.years.get(year=2027).status == CalendarYear.Status.PROVISIONAL


def test_a_notice_for_another_calendar_is_refused(us, admin_client):
    response = admin_client.post(import_url(us), {"text": NOTICE_2027, "preview": "1"})
    assert response.context["form"].non_field_errors() == [
        "pasted notice is a notice for calendar CN; this is calendar US."
    ]


def test_changing_a_day_previews_then_confirms(cn, admin_client, admin_user):
    initial = admin_client.get(change_day_url(cn), {"date": "2020-02-03"})
    assert initial.context["form"].initial["kind"] == DayKind.WORKING
    data = {
        "date": "2020-02-03",
        "kind": DayKind.HOLIDAY,
        "name_zh": "春节",
        "name_en": "Spring Festival",
        "source": "国务院办公厅关于延长2020年春节假期的通知",
        "reason": "Spring Festival extended (test)",
    }
    preview = admin_client.post(change_day_url(cn), {**data, "preview": "1"})
    assert 'id="calendar-preview"' in preview.content.decode()
    assert CalendarDay.objects.get(calendar=cn, date=D("2020-02-03")).kind == DayKind.WORKING

    done = admin_client.post(change_day_url(cn), {**data, "confirm": "1"})
    assert done.status_code == 302
    row = CalendarDay.objects.get(calendar=cn, date=D("2020-02-03"))
    assert (row.kind, row.is_working, row.source) == (DayKind.HOLIDAY, False, data["source"])
    change = cn.changes.get(date=D("2020-02-03"))
    assert (change.old_kind, change.new_kind, change.reason, change.changed_by) == (
        DayKind.WORKING,
        DayKind.HOLIDAY,
        data["reason"],
        admin_user,
    )


def test_a_bad_day_change_shows_field_errors(cn, admin_client):
    response = admin_client.post(
        change_day_url(cn),
        {"date": "2026-03-04", "kind": DayKind.MAKEUP_WORKING, "source": "x", "reason": "y", "preview": "1"},
    )
    form = response.context["form"]
    assert form.errors == {
        "kind": ["A make-up working day must be a Saturday or Sunday."],
        "name_zh": ["Name the holiday (in Chinese, English or both)."],
    }
    unchanged = {"date": "2026-03-04", "kind": DayKind.WORKING, "source": "", "reason": "y", "preview": "1"}
    assert admin_client.post(change_day_url(cn), unchanged).context["form"].errors == {
        "source": ["This field is required."]
    }


def test_the_tools_need_the_change_permission(cn, client, django_user_model):
    staff = django_user_model.objects.create_user("viewer", password="pw-Viewer-1", is_staff=True)
    client.force_login(staff)
    assert client.get(import_url(cn)).status_code == 403
    assert client.post(change_day_url(cn), {}).status_code == 403


def test_closures_are_saved_and_deleted_through_the_service(cn, admin_client, admin_user, monkeypatch):
    calls = []

    def recompute(**kwargs):
        calls.append(kwargs)
        return 2

    monkeypatch.setattr("caseflow.services.stages.recompute_stages_touching", recompute)
    court = Court.objects.create(code="sh-1", name_zh="上海一中院", jurisdiction="CN", calendar=cn)
    add = admin_client.post(
        reverse("admin:caseflow_courtclosure_add"),
        {"court": court.pk, "date": "2026-03-02", "kind": "closure", "name": "停电", "source": "法院公告"},
    )
    assert add.status_code == 302
    closure = CourtClosure.objects.get()
    assert (closure.created_by, closure.name) == (admin_user, "停电")
    assert [(c["court_id"], c["calendar_id"], c["first"], c["last"], c["cause"]) for c in calls] == [
        (court.pk, None, D("2026-03-02"), D("2026-03-02"), "court_closure")
    ]

    calls.clear()
    edit = admin_client.post(
        reverse("admin:caseflow_courtclosure_change", args=[closure.pk]),
        {"court": court.pk, "date": "2026-03-05", "kind": "closure", "name": "停电", "source": "法院公告"},
    )
    assert edit.status_code == 302
    assert sorted(c["first"] for c in calls) == [D("2026-03-02"), D("2026-03-05")]  # old and new day

    calls.clear()
    delete = admin_client.post(
        reverse("admin:caseflow_courtclosure_delete", args=[closure.pk]), {"post": "yes"}
    )
    assert delete.status_code == 302
    assert not CourtClosure.objects.exists()
    assert [(c["first"], c["by"]) for c in calls] == [(D("2026-03-05"), admin_user)]
