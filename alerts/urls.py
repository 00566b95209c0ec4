"""URLs of the alerts app (mounted in config/urls.py): the supervision screens."""

from django.urls import path

from alerts.views import approvals, escalations, reports

app_name = "alerts"
urlpatterns = [
    path("escalations/", escalations.EscalationQueueView.as_view(), name="escalations"),
    path("escalations/<int:pk>/", escalations.EscalationView.as_view(), name="escalation"),
    path("approvals/", approvals.approvals, name="approvals"),
    path("approvals/pauses/<int:pk>/decide/", approvals.decide_pause_view, name="decide_pause"),
    path("approvals/extensions/<int:pk>/decide/", approvals.decide_extension_view, name="decide_extension"),
    path("reports/pauses/", reports.pause_stats, name="pause_stats"),
]
