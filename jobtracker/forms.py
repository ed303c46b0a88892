from django import forms
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import UserCreationForm


class AccountCreationForm(UserCreationForm):
    """First-run and sign-up form: username, email, password twice."""

    email = forms.EmailField(required=False, help_text="Used for digests and password reset.")

    class Meta(UserCreationForm.Meta):
        model = get_user_model()
        fields = ("username", "email")


class TokenCreateForm(forms.Form):
    name = forms.CharField(
        max_length=100,
        initial="browser extension",
        help_text="A name to recognise it by, e.g. the browser it lives in.",
    )
