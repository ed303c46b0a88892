import re

from django import forms
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator

from .models import Application, Contact, ContactKind, EventKind, Status, Task, TaskKind


class ApplicationForm(forms.ModelForm):
    url = forms.URLField(
        label="Posting URL",
        required=False,
        max_length=2000,
        assume_scheme="https",
        help_text="Paste it first: title, company and location are filled in when it can be read.",
    )

    class Meta:
        model = Application
        fields = ["url", "title", "company", "location", "salary", "status", "next_action",
                  "next_action_due", "notes"]  # fmt: skip
        widgets = {
            "next_action_due": forms.DateInput(attrs={"type": "date"}),
            "notes": forms.Textarea(attrs={"rows": 4}),
        }
        labels = {"next_action_due": "Due", "notes": "Summary"}
        help_texts = {
            "next_action": "The first open task; add more on the application page.",
            "notes": "Shown at the top of the Notes panel; dated notes are added there.",
        }

    def __init__(self, *args, creating: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        if creating:
            self.fields["status"].choices = [(Status.SAVED, "Saved"), (Status.APPLIED, "Applied")]

    def clean(self):
        data = super().clean()
        if not (data.get("url") or data.get("title") or data.get("company")):
            raise forms.ValidationError("Give at least a URL, a title or a company.")
        return data


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=Status.choices)


class _Prefixed:
    """Forms that share the application page get ids of their own (`note_text`, not a second
    `id_text`), so each label points at its own field."""

    id_prefix = "id"

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", f"{self.id_prefix}_%s")
        super().__init__(*args, **kwargs)


class NoteForm(_Prefixed, forms.Form):
    id_prefix = "note"
    text = forms.CharField(
        label="Note", widget=forms.Textarea(attrs={"rows": 2}), max_length=5000, strip=True
    )


class SummaryForm(_Prefixed, forms.Form):
    id_prefix = "summary"
    notes = forms.CharField(
        label="Summary", widget=forms.Textarea(attrs={"rows": 4}), max_length=20000,
        required=False,
    )  # fmt: skip


_SCHEME = re.compile(r"^([a-zA-Z][a-zA-Z0-9+.-]*):")
_PORT = re.compile(r"^\d+(/|$)")


class WebAddressField(forms.CharField):
    """A web address a person types as they would in a browser: `linkedin.com/in/x` is kept
    as `https://linkedin.com/in/x`; only http(s) is accepted (no `javascript:` links)."""

    widget = forms.TextInput(attrs={"inputmode": "url", "autocomplete": "url",
                                    "placeholder": "linkedin.com/in/…"})  # fmt: skip

    def __init__(self, **kwargs):
        kwargs.setdefault("max_length", 2000)
        super().__init__(**kwargs)

    def to_python(self, value):
        value = super().to_python(value).replace("\x00", "").strip()
        if not value:
            return ""
        match = _SCHEME.match(value)
        rest = value[match.end() :] if match else ""
        if match and not _PORT.match(rest) and ("." not in match[1] or rest.startswith("//")):
            scheme = match[1].lower()
            if scheme not in ("http", "https"):
                raise ValidationError(
                    f"Only web addresses can be saved (like https://linkedin.com/in/…), "
                    f"not “{scheme}:” links.",
                    code="scheme",
                )
        else:
            value = "https://" + value.lstrip("/")
        return value

    def validate(self, value):
        super().validate(value)
        if value:
            URLValidator(schemes=["http", "https"], message="Enter a web address, like "
                         "linkedin.com/in/your-name.")(value)  # fmt: skip


class ContactForm(_Prefixed, forms.ModelForm):
    id_prefix = "contact"
    profile_url = WebAddressField(label="Profile link", required=False)

    class Meta:
        model = Contact
        fields = ["name", "kind", "role", "email", "phone", "profile_url", "notes"]
        labels = {"kind": "Kind", "role": "Role"}
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].required = False  # a person can be added before you know their part
        self.fields["name"].error_messages["required"] = "Give their name."

    def clean_name(self):
        name = self.cleaned_data["name"].replace("\x00", "").strip()
        if not name:
            raise ValidationError("Give their name.")
        return name

    def clean_kind(self):
        return self.cleaned_data["kind"] or ContactKind.OTHER


class TaskForm(_Prefixed, forms.ModelForm):
    id_prefix = "task"

    class Meta:
        model = Task
        fields = ["title", "kind", "due_on"]
        labels = {"title": "Task", "due_on": "Due"}
        widgets = {"due_on": forms.DateInput(attrs={"type": "date"})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title"].required = False
        self.fields["title"].widget.attrs["placeholder"] = "e.g. Email Dana about the offer"
        self.fields["kind"].initial = TaskKind.FOLLOW_UP


class ManualEventForm(_Prefixed, forms.Form):
    id_prefix = "event"
    KINDS = [
        (EventKind.INTERVIEW_SCHEDULED, "Interview"),
        (EventKind.ASSESSMENT_RECEIVED, "Assessment"),
        (EventKind.OFFER_RECEIVED, "Offer"),
        (EventKind.REJECTION_RECEIVED, "Rejection"),
        (EventKind.FOLLOW_UP_DUE, "Follow-up"),
    ]
    kind = forms.ChoiceField(choices=KINDS)
    when = forms.DateTimeField(
        required=False, widget=forms.DateTimeInput(attrs={"type": "datetime-local"}),
        help_text="When it happens (for interviews and follow-ups).",
    )  # fmt: skip
    text = forms.CharField(max_length=300, required=False, label="What")
    place = forms.CharField(max_length=300, required=False, label="Place or link")


class BulkForm(forms.Form):
    ACTIONS = [("status", "Change status"), ("archive", "Archive"), ("unarchive", "Unarchive"),
               ("delete", "Delete")]  # fmt: skip
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=())
    action = forms.ChoiceField(choices=ACTIONS)
    status = forms.ChoiceField(choices=[("", "—"), *Status.choices], required=False)
    confirm = forms.BooleanField(required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()

    def clean(self):
        data = super().clean()
        if data.get("action") == "status" and not data.get("status"):
            raise forms.ValidationError("Choose the new status.")
        if data.get("action") == "delete" and not data.get("confirm"):
            raise forms.ValidationError("Tick “confirm” to delete: it cannot be undone.")
        return data
