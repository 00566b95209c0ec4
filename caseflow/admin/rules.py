"""Admin for event types, legal sources, time-limit rules and their versions, matter types and their
stage templates.

Rows loaded from the data files (``source_file`` / ``pack`` set) belong to those files: a reload would
overwrite an edit made here, so they are read-only with a note saying which file to edit. Rows created in
the admin are edited here, validated by the models (``RuleVersion.clean``, ``MatterType.clean``,
``StageTemplate.clean`` → :func:`~caseflow.services.configuration.validate_stage_template`) and by the
formsets for what only shows across rows (overlapping versions, trigger cycles).
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.admin import OfficeAdminPermissions, ReadOnlyMixin
from caseflow.models import (
    DueComputation,
    EventType,
    LegalSource,
    MatterType,
    Rule,
    RuleVersion,
    Stage,
    StageTemplate,
)
from caseflow.services.configuration import find_trigger_cycle


class FileOwnedMixin:
    """Read-only (with a note) when the row came from a data file; editable when created here."""

    owner_field = "source_file"
    reload_command = "load_rules"

    def owner_file(self, obj) -> str:
        return getattr(obj, self.owner_field, "") if obj is not None else ""

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self.owner_file(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self.owner_file(obj) and super().has_delete_permission(request, obj)

    def get_fieldsets(self, request: HttpRequest, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        source = self.owner_file(obj)
        if not source:
            return fieldsets
        note = _("Loaded from %(file)s: edit that file and run `manage.py %(command)s`; read-only here.") % {
            "file": source,
            "command": self.reload_command,
        }
        (name, options), *rest = fieldsets
        return [(name, {**options, "description": note}), *rest]

    @admin.display(description=gettext_lazy("defined in"))
    def defined_in(self, obj) -> str:
        return self.owner_file(obj) or _("this admin")


class FileOwnedInlineMixin:
    """Inline rows follow their parent: read-only when the parent belongs to a file."""

    owner_field = "source_file"

    def _owned(self, obj) -> bool:
        return bool(obj is not None and getattr(obj, self.owner_field, ""))

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._owned(obj) and super().has_add_permission(request, obj)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._owned(obj) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return not self._owned(obj) and super().has_delete_permission(request, obj)


# --- vocabulary -------------------------------------------------------------------------------------


@admin.register(EventType)
class EventTypeAdmin(FileOwnedMixin, OfficeAdminPermissions, admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "defined_in")
    list_filter = ("source_file",)
    search_fields = ("code", "name_zh", "name_en")
    fields = ("code", "name_zh", "name_en", "description", "source_file")
    readonly_fields = ("source_file",)


@admin.register(LegalSource)
class LegalSourceAdmin(FileOwnedMixin, OfficeAdminPermissions, admin.ModelAdmin):
    list_display = ("key", "title_zh", "title_en", "defined_in")
    search_fields = ("key", "title_zh", "title_en")
    fields = ("key", "title_zh", "title_en", "where", "source_file")
    readonly_fields = ("source_file",)


# --- rules ------------------------------------------------------------------------------------------

# A version stages have already counted with keeps these: changing them would make those stages' history
# say something the rule never said. Add a new version instead (end this one with "valid to").
COUNTING_FIELDS = ("valid_from", "trigger", "period", "direction", "convention", "custody")


class RuleVersionForm(forms.ModelForm):
    class Meta:
        model = RuleVersion
        fields = (
            "valid_from",
            "valid_to",
            "trigger",
            "period",
            "direction",
            "convention",
            "actor",
            "custody",
            "fixed_period",
            "extendable",
            "legal_source",
            "article",
            "article_zh",
            "verified",
            "extension_notes",
            "notes",
        )

    def clean(self):
        data = super().clean()
        version = self.instance
        changed = [name for name in COUNTING_FIELDS if name in self.changed_data]
        if version.pk and changed and _version_in_use(version):
            raise forms.ValidationError(
                _(
                    "Stages have already counted with this version, so %(fields)s cannot change: end it "
                    "(valid to) and add a new version instead."
                )
                % {"fields": ", ".join(str(self.fields[name].label) for name in changed)}
            )
        return data


def _version_in_use(version: RuleVersion) -> bool:
    return (
        Stage.objects.filter(rule_version=version).exists()
        or DueComputation.objects.filter(rule_version=version).exists()
    )


class RuleVersionFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        spans: list[tuple[dt.date, dt.date, forms.ModelForm]] = []
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("valid_from"):
                continue
            start, end = data["valid_from"], data.get("valid_to") or dt.date.max
            for other_start, other_end, _other in spans:
                if start <= other_end and other_start <= end:
                    form.add_error(
                        "valid_from",
                        _("Validity overlaps version from %(start)s.") % {"start": other_start.isoformat()},
                    )
                    break
            spans.append((start, end, form))


class RuleVersionInline(FileOwnedInlineMixin, OfficeAdminPermissions, admin.StackedInline):
    model = RuleVersion
    form = RuleVersionForm
    formset = RuleVersionFormSet
    extra = 0
    ordering = ("valid_from",)
    autocomplete_fields = ("trigger", "legal_source")
    fieldsets = (
        (None, {"fields": (("valid_from", "valid_to"), "trigger", ("period", "direction"), "convention")}),
        (None, {"fields": ("actor", "custody", "fixed_period", "extendable")}),
        (None, {"fields": ("legal_source", ("article", "article_zh"), "verified")}),
        (None, {"fields": ("extension_notes", "notes")}),
    )


@admin.register(Rule)
class RuleAdmin(FileOwnedMixin, OfficeAdminPermissions, admin.ModelAdmin):
    list_display = ("code", "name_zh", "name_en", "jurisdiction", "version_count", "defined_in")
    list_filter = ("jurisdiction", "source_file")
    search_fields = ("code", "name_zh", "name_en")
    fields = ("code", "jurisdiction", "name_zh", "name_en", "source_file")
    readonly_fields = ("source_file",)
    inlines = (RuleVersionInline,)

    def get_queryset(self, request: HttpRequest):
        from django.db.models import Count

        return super().get_queryset(request).annotate(version_count=Count("versions"))

    @admin.display(description=gettext_lazy("versions"), ordering="version_count")
    def version_count(self, rule: Rule) -> int:
        return rule.version_count


# --- matter types and stage templates ---------------------------------------------------------------


class StageTemplateFormSet(forms.BaseInlineFormSet):
    """Trigger cycles across the rows being edited together (each row's own check sees only the others'
    stored values)."""

    def clean(self) -> None:
        super().clean()
        edges = []
        by_code = {}
        for form in self.forms:
            data = getattr(form, "cleaned_data", None)
            if not data or data.get("DELETE") or not data.get("trigger") or not data.get("code"):
                continue
            by_code[data["code"]] = form
            if data.get("completion_event"):
                edges.append((data["trigger"].code, data["completion_event"].code, data["code"]))
        cycle = find_trigger_cycle(edges)
        if cycle:
            message = _("These stages trigger each other in a cycle: %(cycle)s") % {
                "cycle": " → ".join(cycle)
            }
            for code in cycle:
                form = by_code[code]
                if "completion_event" not in form.errors:
                    form.add_error("completion_event", message)


class StageTemplateInline(FileOwnedInlineMixin, OfficeAdminPermissions, admin.StackedInline):
    model = StageTemplate
    formset = StageTemplateFormSet
    owner_field = "pack"
    extra = 0
    ordering = ("order",)
    autocomplete_fields = ("trigger", "rule", "completion_event")
    fieldsets = (
        (None, {"fields": (("order", "code"), ("name_zh", "name_en"))}),
        (None, {"fields": ("trigger", "rule", ("period", "convention"), "direction")}),
        (None, {"fields": ("limit_kind", "internal_lead", "completion_event", "description")}),
    )


@admin.register(MatterType)
class MatterTypeAdmin(FileOwnedMixin, OfficeAdminPermissions, admin.ModelAdmin):
    owner_field = "pack"
    reload_command = "load_packs"
    list_display = (
        "code",
        "name_zh",
        "name_en",
        "jurisdiction",
        "calendar",
        "total_limit",
        "active",
        "defined_in",
    )
    list_filter = ("jurisdiction", "active", "pack")
    list_select_related = ("calendar",)
    search_fields = ("code", "name_zh", "name_en")
    fields = (
        "code",
        ("name_zh", "name_en"),
        ("jurisdiction", "calendar"),
        ("total_limit", "total_limit_convention"),
        "description",
        "active",
        "pack",
    )
    readonly_fields = ("pack",)
    inlines = (StageTemplateInline,)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        for formset in formsets:
            for inline_form in formset.forms:
                if inline_form.instance.pk and set(inline_form.changed_data) & COUNTING_TEMPLATE_FIELDS:
                    counting = inline_form.instance.stages.filter(status=Stage.Status.IN_PROGRESS).count()
                    if counting:
                        messages.warning(
                            request,
                            _(
                                "%(template)s now counts differently; %(count)s stages in progress keep "
                                "their due dates until they are recomputed."
                            )
                            % {"template": inline_form.instance, "count": counting},
                        )


COUNTING_TEMPLATE_FIELDS = {"trigger", "rule", "period", "convention", "direction", "internal_lead"}


@admin.register(StageTemplate)
class StageTemplateAdmin(ReadOnlyMixin, OfficeAdminPermissions, admin.ModelAdmin):
    """A searchable list of every template (and the target of the policy assignments' autocomplete);
    templates are edited on their matter type's page."""

    list_display = ("__str__", "matter_type", "trigger", "rule", "period", "convention", "limit_kind")
    list_filter = ("matter_type", "limit_kind")
    list_select_related = ("matter_type", "trigger", "rule")
    search_fields = ("code", "name_zh", "name_en", "matter_type__code", "matter_type__name_zh")
