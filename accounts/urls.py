"""Sign-in, sign-out, password change and language (mounted under ``accounts/`` in config/urls.py).

No ``app_name``: the names are the global ones Django's authentication machinery expects
(``LOGIN_URL = "login"``, ``LOGOUT_REDIRECT_URL = "login"``, ``password_change_done``).
"""

from django.urls import path

from accounts import views

urlpatterns = [
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("password/", views.PasswordChangeView.as_view(), name="password_change"),
    path("password/done/", views.PasswordChangeDoneView.as_view(), name="password_change_done"),
    path("language/", views.user_language, name="user_language"),
]
