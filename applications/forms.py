from django import forms

from .models import Application, Contact, EventKind, Status


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


class NoteForm(forms.Form):
    text = forms.CharField(widget=forms.Textarea(attrs={"rows": 3}), max_length=5000)


class ContactForm(forms.ModelForm):
    profile_url = forms.URLField(
        label="Profile URL", required=False, max_length=2000, assume_scheme="https"
    )

    class Meta:
        model = Contact
        fields = ["name", "role", "email", "phone", "profile_url", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 2})}


class ManualEventForm(forms.Form):
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
