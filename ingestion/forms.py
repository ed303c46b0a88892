from django import forms
from django.conf import settings

from .models import Label, Mailbox, Security


class MailboxForm(forms.ModelForm):
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
        fields = ["name", "host", "port", "security", "username", "password", "folders", "enabled"]

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
