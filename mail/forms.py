from django import forms

from analysis.llm import llm_enabled

from .imap_connect import PLAIN_REFUSED, loopback_allowed, names_loopback, plain_allowed
from .models import Label, Mailbox, Security

PORT_ERROR = "Enter a port between 1 and 65535: usually 993 for SSL/TLS, 143 for STARTTLS."
SECURITY_LABELS = {
    Security.SSL: "SSL/TLS (usually port 993)",
    Security.STARTTLS: "STARTTLS (usually port 143; Proton Mail Bridge: 1143)",
    Security.PLAIN: "None (this machine only)",
}
LOOPBACK_OFF = (
    "This server does not connect to its own addresses (127.0.0.1, localhost): its "
    "administrator can allow it with the setting IMAP_ALLOW_LOOPBACK=true, for Proton Mail "
    "Bridge or a local Dovecot on a server only you use."
)
PASSWORD_AGAIN = (
    "Enter the password again: the server, port, username or security changed, and the saved "
    "password is only sent to the server it was entered for."
)
# Where and as whom the saved password logs in; changing any of these asks for it again.
LOGIN_TARGET = ("host", "port", "username", "security")


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
        # Kept now: validation copies the typed values onto the instance.
        self.stored_target = self._target(self.instance) if self.instance.pk else None
        if not llm_enabled():
            field = self.fields["ask_model_when_unsure"]
            field.help_text += " No language model is configured here (LLM_PROVIDER is none)."
        if not self.instance.pk:
            self.fields["password"].help_text = self.fields["password"].help_text.replace(
                " Leave blank to keep the current one.", ""
            )
        self.fields["security"].choices = [
            (value, SECURITY_LABELS.get(value, label))
            for value, label in self.fields["security"].choices
        ]
        self.fields["host"].help_text = "Your provider's IMAP server, such as imap.fastmail.com" + (
            "; for Proton Mail Bridge on this machine, 127.0.0.1 (port 1143)."
            if loopback_allowed()
            else "."
        )

    def clean_host(self):
        host = self.cleaned_data["host"].strip().lower()
        if not host or any(c in host for c in " /:@"):
            raise forms.ValidationError("Enter a server name such as imap.fastmail.com.")
        if names_loopback(host) and not loopback_allowed():
            raise forms.ValidationError(LOOPBACK_OFF)
        return host

    def clean(self):
        cleaned = super().clean()
        host, security = cleaned.get("host"), cleaned.get("security")
        # The name alone decides here (no DNS on a form); the connection checks the addresses.
        if host and security == Security.PLAIN and not plain_allowed(host):
            self.add_error("security", PLAIN_REFUSED)
        if not cleaned.get("password") and self.login_target_changed():
            self.add_error("password", PASSWORD_AGAIN)
        return cleaned

    @staticmethod
    def _target(values) -> tuple:
        get = values.get if isinstance(values, dict) else lambda name: getattr(values, name)
        host, port, username, security = (get(name) for name in LOGIN_TARGET)
        return ((host or "").strip().lower(), port, (username or "").strip(), security)

    def login_target_changed(self) -> bool:
        """Whether the typed host, port, username or security differ from the saved ones."""
        if self.stored_target is None:
            return False
        return self._target(self.cleaned_data) != self.stored_target

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
