"""Sign-in, sign-out, password change and the language switch.

Django's own authentication views do the work; this module only names the templates and saves the
language a signed-in person picks, so it follows them to every device and to their e-mails.
"""

from __future__ import annotations

from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.views.decorators.http import require_POST
from django.views.i18n import set_language

from accounts import services
from accounts.forms import LanguageForm


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    redirect_authenticated_user = True


class LogoutView(auth_views.LogoutView):
    """POST only (Django 5): a link cannot sign anyone out."""


class PasswordChangeView(auth_views.PasswordChangeView):
    template_name = "registration/password_change_form.html"


class PasswordChangeDoneView(auth_views.PasswordChangeDoneView):
    template_name = "registration/password_change_done.html"


@require_POST
@login_required
def user_language(request: HttpRequest) -> HttpResponse:
    """Save the chosen language on the user, then let Django's ``set_language`` set the cookie and
    redirect back (it validates both the language and the ``next`` URL)."""
    form = LanguageForm(request.POST)
    if form.is_valid():
        services.set_language(request.user, form.cleaned_data["language"])
    return set_language(request)
