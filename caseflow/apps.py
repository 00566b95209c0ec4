from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CaseflowConfig(AppConfig):
    name = "caseflow"
    verbose_name = _("Matters and deadlines / 案件与期限")
