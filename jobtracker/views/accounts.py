"""First-run setup, sign-up, sign-in, password reset and the landing redirect."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.http import Http404
from django.shortcuts import redirect, render
from django.templatetags.static import static
from django.utils.decorators import method_decorator

from ..forms import AccountCreationForm
from ..services import (
    SetupClosed,
    create_first_user,
    needs_first_run,
    password_reset_by_mail_available,
)


@login_not_required
def home(request):
    if request.user.is_authenticated:
        return redirect(settings.HOME_URL)
    return redirect("setup" if needs_first_run() else "login")


@login_not_required
def favicon(request):
    """Browsers ask for /favicon.ico where a page names no icon (JSON answers, downloads)."""
    return redirect(static("favicon.svg"), permanent=True)


@login_not_required
def setup(request):
    """Create the first (admin) account. Closed for good once any account exists."""
    if not needs_first_run():
        return redirect("login")
    form = AccountCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            user = create_first_user(
                form.cleaned_data["username"],
                form.cleaned_data.get("email", ""),
                form.cleaned_data["password1"],
            )
        except SetupClosed as exc:
            messages.error(request, str(exc))
            return redirect("login")
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Welcome! Your administrator account is ready.")
        return redirect(settings.HOME_URL)
    return render(request, "jobtracker/setup.html", {"form": form})


@login_not_required
def signup(request):
    if not settings.ALLOW_SIGNUP or needs_first_run():
        raise Http404("Sign-up is closed.")
    if request.user.is_authenticated:
        return redirect("home")
    form = AccountCreationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        login(request, user, backend="django.contrib.auth.backends.ModelBackend")
        messages.success(request, "Account created.")
        return redirect(settings.HOME_URL)
    return render(request, "jobtracker/signup.html", {"form": form})


class LoginView(auth_views.LoginView):
    redirect_authenticated_user = True

    @method_decorator(login_not_required)
    def dispatch(self, request, *args, **kwargs):
        # Only the demo account exists: signing in to it works, and setup stays one link away.
        if needs_first_run() and not get_user_model().objects.exists():
            return redirect("setup")
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        return {
            **super().get_context_data(**kwargs),
            "signup_open": settings.ALLOW_SIGNUP,
            "setup_open": needs_first_run(),
        }


@method_decorator(login_not_required, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    """Sends a reset link only where mail really goes out.

    With the console or dummy backend the link would be printed to the web log (or lost):
    anyone could ask for one for any account and whoever reads the log could take it over.
    Such a server refuses and names the way an administrator sets a password instead.
    DEBUG keeps the console link for a developer's own machine.
    """

    success_url = "/password/reset/sent/"

    def dispatch(self, request, *args, **kwargs):
        if not password_reset_by_mail_available():
            # Sends nothing, whatever was posted.
            return render(request, "registration/password_reset_unavailable.html")
        return super().dispatch(request, *args, **kwargs)
