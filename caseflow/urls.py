"""URLs of the lawyer screens (mounted at the site root in config/urls.py).

``board`` is a global name (``LOGIN_REDIRECT_URL = "board"``); the rest live in the ``caseflow``
namespace. ``/matters/<id>/`` is the address notifications link to: keep it.
"""

from django.urls import include, path

from alerts.views import inbox
from caseflow.views import board, events, matters, stages

caseflow_patterns = [
    path("matters/", matters.MatterListView.as_view(), name="matters"),
    path("matters/new/", matters.open_matter_view, name="matter_open"),
    path("matters/<int:pk>/", matters.matter_detail, name="matter"),
    path("matters/<int:pk>/events/", events.record_event_view, name="event_record"),
    path("events/<int:pk>/<slug:action>/", events.event_action, name="event_action"),
    path("stages/<int:pk>/<slug:action>/", stages.stage_action, name="stage_action"),
    path("inbox/", inbox.inbox, name="inbox"),
    path("inbox/<int:pk>/read/", inbox.mark_one_read, name="inbox_read"),
    path("inbox/read-all/", inbox.mark_all_read, name="inbox_read_all"),
]

urlpatterns = [
    path("", board.BoardView.as_view(), name="board"),
    path("", include((caseflow_patterns, "caseflow"))),
]
