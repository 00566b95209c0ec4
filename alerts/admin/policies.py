"""Warning policies, their thresholds, escalation ladders and assignments.

A change here changes the level of running clocks, so every save (and delete) finishes with the full
re-evaluation (:func:`alerts.scan.reevaluate_all`: a few set-based statements, safe inside the request)
in the same transaction as the edit: either both happen or neither does. An edited policy no longer counts
as "as loaded from the policies file", so reloading the file keeps the admin's edit.

Assignments of stage templates and matter types that a pack file defines belong to that file (a reload
would put the file's policy back), so they are refused here with a note saying which file to edit.
"""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin, messages
from django.http import HttpRequest
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.admin import OfficeAdminPermissions
from alerts.models import EscalationStep, PolicyAssignment, Threshold, WarningPolicy
from alerts.scan import reevaluate_all
from alerts.services.clocks import NoDefaultPolicy


class ThresholdInline(OfficeAdminPermissions, admin.TabularInline):
    model = Threshold
    extra = 0
    ordering = ("level", "measure")


class EscalationStepInline(OfficeAdminPermissions, admin.TabularInline):
    model = EscalationStep
    extra = 0
    ordering = ("order",)


def _pack_of(assignment_target) -> str:
    """The pack file that owns a stage template or matter type ("" if created in the admin)."""
    if assignment_target is None:
        return ""
    matter_type = getattr(assignment_target, "matter_type", assignment_target)
    return matter_type.pack


class AssignmentForm(forms.ModelForm):
    class Meta:
        model = PolicyAssignment
        fields = ("stage_template", "matter_type")

    def clean(self):
        data = super().clean()
        template, matter_type = data.get("stage_template"), data.get("matter_type")
        if (template is None) == (matter_type is None):
            # On a field, so the model's check constraint (same condition, bare message) is not run too.
            self.add_error(
                "stage_template", _("Choose either a stage template or a matter type (its total limit).")
            )
            return data
        if self.has_changed():
            for target in {template, matter_type, self.initial_target()} - {None}:
                pack = _pack_of(target)
                if pack:
                    raise forms.ValidationError(
                        _("%(target)s is defined in %(pack)s: set its policy in that file.")
                        % {"target": target, "pack": pack}
                    )
        return data

    def initial_target(self):
        if not self.instance.pk:
            return None
        stored = PolicyAssignment.objects.select_related("stage_template__matter_type", "matter_type")
        row = stored.get(pk=self.instance.pk)
        return row.stage_template or row.matter_type


class AssignmentFormSet(forms.BaseInlineFormSet):
    def clean(self) -> None:
        super().clean()
        for form in self.deleted_forms:
            if form.instance.pk:
                target = form.initial_target()
                pack = _pack_of(target)
                if pack:
                    raise forms.ValidationError(
                        _("%(target)s is defined in %(pack)s: set its policy in that file.")
                        % {"target": target, "pack": pack}
                    )


class AssignmentInline(OfficeAdminPermissions, admin.TabularInline):
    model = PolicyAssignment
    form = AssignmentForm
    formset = AssignmentFormSet
    extra = 0
    autocomplete_fields = ("stage_template", "matter_type")
    verbose_name_plural = gettext_lazy("assigned to (stage templates and matter-type total limits)")

    def get_queryset(self, request: HttpRequest):
        return (
            super()
            .get_queryset(request)
            .select_related("stage_template__matter_type", "matter_type")
            .order_by("matter_type__code", "stage_template__matter_type__code", "stage_template__order")
        )

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "stage_template":
            from caseflow.models import StageTemplate

            kwargs["queryset"] = StageTemplate.objects.select_related("matter_type")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class PolicyForm(forms.ModelForm):
    """``is_default`` is handled by the admin rather than the model form: ticking it moves the default
    here from the previous default policy (one default at most, a partial unique constraint)."""

    make_default = forms.BooleanField(
        label=gettext_lazy("default policy"),
        required=False,
        help_text=gettext_lazy(
            "Used by every stage template without a policy. Ticking it here takes it from the current "
            "default policy."
        ),
    )

    class Meta:
        model = WarningPolicy
        fields = (
            "code",
            "name_zh",
            "name_en",
            "description",
            "last_workday_level",
            "internal_target_level",
            "escalate_when_overdue",
            "escalate_urgent_after_hours",
            "nag_interval_hours",
            "resume_reminder_days",
        )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["make_default"].initial = self.instance.is_default

    def clean_make_default(self) -> bool:
        value = self.cleaned_data["make_default"]
        if self.instance.is_default and not value:
            raise forms.ValidationError(
                _("There must be a default policy: make another policy the default instead.")
            )
        return value


@admin.register(WarningPolicy)
class WarningPolicyAdmin(OfficeAdminPermissions, admin.ModelAdmin):
    form = PolicyForm
    list_display = ("code", "name_zh", "name_en", "is_default", "escalate_when_overdue", "loaded_from_file")
    list_filter = ("is_default", "loaded_from_file")
    search_fields = ("code", "name_zh", "name_en")
    fieldsets = (
        (None, {"fields": ("code", ("name_zh", "name_en"), "make_default", "description")}),
        (
            gettext_lazy("Levels"),
            {"fields": ("last_workday_level", "internal_target_level")},
        ),
        (
            gettext_lazy("Escalation and reminders"),
            {
                "fields": (
                    "escalate_when_overdue",
                    "escalate_urgent_after_hours",
                    "nag_interval_hours",
                    "resume_reminder_days",
                )
            },
        ),
        (None, {"fields": ("loaded_from_file",)}),
    )
    readonly_fields = ("loaded_from_file",)
    inlines = (ThresholdInline, EscalationStepInline, AssignmentInline)

    def save_model(self, request: HttpRequest, obj: WarningPolicy, form, change: bool) -> None:
        if form.cleaned_data["make_default"] and not obj.is_default:
            WarningPolicy.objects.filter(is_default=True).exclude(pk=obj.pk).update(is_default=False)
            obj.is_default = True
        super().save_model(request, obj, form, change)

    def save_related(self, request: HttpRequest, form, formsets, change: bool) -> None:
        super().save_related(request, form, formsets, change)
        policy = form.instance
        own = [f for f in formsets if f.model in (Threshold, EscalationStep)]
        edited = form.has_changed() or any(f.has_changed() for f in own)
        if edited:
            WarningPolicy.objects.filter(pk=policy.pk).update(loaded_from_file=False)
            policy.loaded_from_file = False
        if edited or any(f.has_changed() for f in formsets):
            reevaluate(request)
        else:
            messages.info(request, _("Nothing changed: warning levels were not re-evaluated."))

    def delete_model(self, request: HttpRequest, obj: WarningPolicy) -> None:
        super().delete_model(request, obj)
        reevaluate(request)

    def delete_queryset(self, request: HttpRequest, queryset) -> None:
        super().delete_queryset(request, queryset)
        reevaluate(request)


def reevaluate(request: HttpRequest) -> None:
    """Re-derive every running clock's level after a configuration change, and say what changed."""
    try:
        report = reevaluate_all(now=timezone.now(), refresh_assignments=True)
    except NoDefaultPolicy:
        messages.warning(request, _("No policy is the default: warning levels were not re-evaluated."))
        return
    messages.success(
        request,
        _(
            "Warning levels re-evaluated: %(evaluated)s running clocks, %(changed)s changed level. "
            "Their notifications and escalations follow with the next warning scan (every %(minutes)s "
            "minutes)."
        )
        % {
            "evaluated": report.evaluated,
            "changed": report.transitions,
            "minutes": settings.CASEFLOW_SCAN_MINUTES,
        },
    )
