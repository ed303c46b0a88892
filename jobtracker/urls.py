from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path

from .api import api
from .views import accounts, health
from .views import settings as settings_views

urlpatterns = [
    path("", accounts.home, name="home"),
    path("setup/", accounts.setup, name="setup"),
    path("signup/", accounts.signup, name="signup"),
    path("login/", accounts.LoginView.as_view(), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "password/",
        auth_views.PasswordChangeView.as_view(success_url="/password/done/"),
        name="password_change",
    ),
    path(
        "password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("password/reset/", accounts.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password/reset/sent/",
        login_not_required(auth_views.PasswordResetDoneView.as_view()),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        login_not_required(
            auth_views.PasswordResetConfirmView.as_view(success_url="/password/reset/done/")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/done/",
        login_not_required(auth_views.PasswordResetCompleteView.as_view()),
        name="password_reset_complete",
    ),
    path("settings/", settings_views.settings_page, name="settings"),
    path("settings/tokens/", settings_views.token_create, name="token-create"),
    path("settings/tokens/<int:pk>/revoke/", settings_views.token_revoke, name="token-revoke"),
    path("favicon.ico", accounts.favicon, name="favicon"),
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("admin/", admin.site.urls),
    path("api/", api.urls),
    path("", include("applications.urls")),
    path("", include("boards.urls")),
    path("", include("analysis.urls")),
    path("", include("mail.urls")),
]
