"""Admin for users and teams.

Office administrators (role "admin") run the configuration; :func:`accounts.services.set_role` keeps
``is_staff`` in step with the role, and :class:`OfficeAdminPermissions` lets them use every Caseflow admin
page without handing out Django's per-model permissions one by one.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.contrib.auth.forms import AdminUserCreationForm, UserChangeForm
from django.db.models import Count
from django.http import HttpRequest
from django.utils.translation import gettext_lazy as _

from accounts.access import team_and_descendants
from accounts.models import Team, User
from accounts.services import set_role


class OfficeAdminPermissions:
    """Grant office administrators (role admin, or superusers) what a page's own rules allow.

    Mixed in before ``ModelAdmin``/``InlineModelAdmin``; a read-only admin that answers ``False`` itself
    (defined after this mixin in the class's bases, or overriding these methods) still wins.
    """

    @staticmethod
    def _office_admin(request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_staff and user.is_office_admin

    def has_module_permission(self, request: HttpRequest) -> bool:
        return self._office_admin(request) or super().has_module_permission(request)

    def has_view_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._office_admin(request) or super().has_view_permission(request, obj)

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return self._office_admin(request) or super().has_add_permission(request, *args)

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._office_admin(request) or super().has_change_permission(request, obj)

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return self._office_admin(request) or super().has_delete_permission(request, obj)


class ReadOnlyMixin:
    """Rows written only by services: viewable (and filterable), never added, edited or deleted here."""

    def has_add_permission(self, request: HttpRequest, *args) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


class ReadOnlyAdmin(ReadOnlyMixin, OfficeAdminPermissions, admin.ModelAdmin):
    pass


# --- users ------------------------------------------------------------------------------------------


class UserCreateForm(AdminUserCreationForm):
    class Meta(AdminUserCreationForm.Meta):
        model = User
        fields = ("username", "full_name", "email", "role", "team", "language")


class UserEditForm(UserChangeForm):
    class Meta(UserChangeForm.Meta):
        model = User


@admin.register(User)
class UserAdmin(OfficeAdminPermissions, DjangoUserAdmin):
    form = UserEditForm
    add_form = UserCreateForm
    list_display = ("username", "full_name", "email", "role", "team", "language", "is_active", "is_staff")
    list_filter = ("role", "team", "is_active", "language", "email_notifications", "daily_digest")
    list_select_related = ("team",)
    search_fields = ("username", "full_name", "first_name", "last_name", "email")
    autocomplete_fields = ("team",)
    fieldsets = (
        (None, {"fields": ("username", "password")}),
        (_("Person"), {"fields": ("full_name", "first_name", "last_name", "email")}),
        (_("Role and team"), {"fields": ("role", "team", "language")}),
        (_("Notifications"), {"fields": ("email_notifications", "daily_digest")}),
        (
            _("Access"),
            {
                "fields": ("is_active", "is_staff", "is_superuser", "groups", "user_permissions"),
                "description": _(
                    "Access to this administration site follows the role: office administrators get it, "
                    "others lose it."
                ),
            },
        ),
        (_("Dates"), {"fields": ("last_login", "date_joined")}),
    )
    add_fieldsets = (
        (
            None,
            {
                "classes": ("wide",),
                "fields": (
                    "username",
                    "full_name",
                    "email",
                    "role",
                    "team",
                    "language",
                    "usable_password",
                    "password1",
                    "password2",
                ),
            },
        ),
    )

    def get_readonly_fields(self, request: HttpRequest, obj=None) -> tuple[str, ...]:
        fields = ("is_staff", "last_login", "date_joined")
        if not request.user.is_superuser:  # only a superuser hands out superuser rights
            fields += ("is_superuser", "groups", "user_permissions")
        return fields

    def save_model(self, request: HttpRequest, obj: User, form, change: bool) -> None:
        super().save_model(request, obj, form, change)
        if not change or {"role", "is_superuser"} & set(form.changed_data):
            set_role(obj, obj.role)


# --- teams ------------------------------------------------------------------------------------------


class TeamForm(forms.ModelForm):
    class Meta:
        model = Team
        fields = ("code", "name_zh", "name_en", "parent", "supervisor")

    def clean_parent(self) -> Team | None:
        parent = self.cleaned_data.get("parent")
        if parent is not None and self.instance.pk and parent.pk in team_and_descendants(self.instance):
            raise forms.ValidationError(
                _("%(team)s is this team or one of its sub-teams: a team cannot be its own parent.")
                % {"team": parent}
            )
        return parent

    def clean_supervisor(self) -> User | None:
        supervisor = self.cleaned_data.get("supervisor")
        if supervisor is not None and not supervisor.is_active:
            raise forms.ValidationError(_("%(name)s is not an active user.") % {"name": supervisor})
        if supervisor is not None and not supervisor.is_supervisor:
            raise forms.ValidationError(
                _("%(name)s is a lawyer: give them the supervisor role first.") % {"name": supervisor}
            )
        return supervisor


class MemberInline(OfficeAdminPermissions, admin.TabularInline):
    """The team's members, for reference; people change teams on their own user page."""

    model = User
    fk_name = "team"
    fields = ("username", "full_name", "role", "is_active")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True
    verbose_name = _("member")
    verbose_name_plural = _("members")

    def has_add_permission(self, request: HttpRequest, obj=None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj=None) -> bool:
        return False


@admin.register(Team)
class TeamAdmin(OfficeAdminPermissions, admin.ModelAdmin):
    form = TeamForm
    list_display = ("code", "name_zh", "name_en", "parent", "supervisor", "member_count")
    list_select_related = ("parent", "supervisor")
    list_filter = ("parent",)
    search_fields = ("code", "name_zh", "name_en")
    autocomplete_fields = ("parent", "supervisor")
    inlines = (MemberInline,)

    def get_queryset(self, request: HttpRequest):
        return super().get_queryset(request).annotate(member_count=Count("members"))

    @admin.display(description=_("members"), ordering="member_count")
    def member_count(self, team: Team) -> int:
        return team.member_count
