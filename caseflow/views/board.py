"""The deadline board (``/``): the signed-in person's open stages, most urgent first."""

from __future__ import annotations

from django.contrib.auth.mixins import LoginRequiredMixin
from django.utils import timezone
from django.utils.functional import cached_property
from django_filters.views import FilterView
from django_tables2 import RequestConfig, SingleTableMixin

from accounts.access import supervised_team_ids
from caseflow import selectors
from caseflow.filtersets import BoardFilterSet
from caseflow.models import Stage
from caseflow.tables import AwaitingTable, BoardTable


class BoardView(LoginRequiredMixin, SingleTableMixin, FilterView):
    template_name = "caseflow/board.html"
    table_class = BoardTable
    filterset_class = BoardFilterSet
    table_pagination = {"per_page": 25}

    def dispatch(self, request, *args, **kwargs):
        self.now = timezone.now()
        self.today = timezone.localdate(self.now)
        return super().dispatch(request, *args, **kwargs)

    @cached_property
    def supervised(self) -> list[int]:
        return supervised_team_ids(self.request.user)

    @cached_property
    def scopes(self) -> list[str]:
        return selectors.board_scopes(self.request.user, self.supervised)

    @cached_property
    def scope(self) -> str:
        asked = self.request.GET.get("scope", selectors.SCOPE_MINE)
        return asked if asked in self.scopes else selectors.SCOPE_MINE

    def get_queryset(self):
        return selectors.board_stages(self.request.user, self.scope, self.supervised)

    def get_filterset_kwargs(self, filterset_class):
        kwargs = super().get_filterset_kwargs(filterset_class)
        kwargs["today"] = self.today
        if self.scope != selectors.SCOPE_MINE:
            kwargs["responsible_choices"] = selectors.responsible_choices(self.scope, self.supervised)
        return kwargs

    def get_table_data(self):
        return selectors.urgency_order(self.object_list.filter(status=Stage.Status.IN_PROGRESS))

    def get_table_kwargs(self):
        kwargs = {"today": self.today}
        if self.scope == selectors.SCOPE_MINE:
            kwargs["exclude"] = ("responsible",)
        return kwargs

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        awaiting = AwaitingTable(
            self.object_list.filter(status=Stage.Status.AWAITING_TRIGGER).order_by(
                "matter__number", "order", "pk"
            ),
            prefix="awaiting-",
            exclude=("responsible",) if self.scope == selectors.SCOPE_MINE else (),
        )
        RequestConfig(self.request, paginate={"per_page": 25}).configure(awaiting)
        context.update(
            awaiting_table=awaiting,
            scope=self.scope,
            scopes=self.scopes,
            keep={} if self.scope == selectors.SCOPE_MINE else {"scope": self.scope},
            today=self.today,
        )
        return context
