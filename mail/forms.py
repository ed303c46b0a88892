from django import forms
from django.conf import settings

from analysis.llm import llm_enabled

from .models import Label, Mailbox, Security

PORT_ERROR = "Enter a port between 1 and 65535: usually 993 for SSL/TLS, 143 for STARTTLS."


class MailboxForm(forms.ModelForm):
    port = forms.IntegerField(
        min_value=1,
        max_value=65535,
        initial=993,
        error_messages={"min_value": PORT_ERROR, "max_value": PORT_ERROR},
    )
    password = forms.CharField(
        widget=forms.PasswordInput(render_value=False, attrs={"autocomplete": "new-password"}),
        required=False,
        strip=False,
        max_length=1000,
        help_text="Stored encrypted and never shown again. Gmail, Outlook and iCloud want an "
        "app password. Leave blank to keep the current one.",
    )

    class Meta:
        model = Mailbox
        fields = [
            "name", "host", "port", "security", "username", "password", "folders", "enabled",
            "ask_model_when_unsure",
        ]  # fmt: skip

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not llm_enabled():
            field = self.fields["ask_model_when_unsure"]
            field.help_text += " No language model is configured here (LLM_PROVIDER is none)."

    def clean_host(self):
        host = self.cleaned_data["host"].strip().lower()
        if not host or any(c in host for c in " /:@"):
            raise forms.ValidationError("Enter a server name such as imap.fastmail.com.")
        return host

    def clean_security(self):
        security = self.cleaned_data["security"]
        if security == Security.PLAIN and not settings.IMAP_ALLOW_PLAIN:
            raise forms.ValidationError(
                "Unencrypted IMAP would send your password in clear; use SSL/TLS or STARTTLS."
            )
        return security

    def clean_password(self):
        password = self.cleaned_data.get("password") or ""
        if not password and not self.instance.pk:
            raise forms.ValidationError("Enter the mailbox password (or an app password).")
        return password


class LinkForm(forms.Form):
    application = forms.IntegerField(min_value=1)


class CreateApplicationForm(forms.Form):
    company = forms.CharField(max_length=300)
    title = forms.CharField(max_length=500, required=False)


class RelabelForm(forms.Form):
    label = forms.ChoiceField(choices=Label.choices)
