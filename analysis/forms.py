import re

from django import forms

from .extraction import human_size, max_bytes
from .models import DocumentKind, Profile
from .prompts import LENGTHS, TONES

_SPLIT = re.compile(r"[\n,;]+")


class ListField(forms.CharField):
    """A list of short strings typed one per line (or separated by commas)."""

    widget = forms.Textarea(attrs={"rows": 3})

    def prepare_value(self, value):
        if isinstance(value, list):
            return "\n".join(value)
        return value

    def to_python(self, value):
        text = super().to_python(value) or ""
        return [item.strip() for item in _SPLIT.split(text) if item.strip()]


class ProfileForm(forms.ModelForm):
    skills = ListField(
        required=False,
        max_length=5000,
        help_text="One per line or comma-separated. Aliases become one name: k8s → Kubernetes.",
    )
    target_titles = ListField(required=False, max_length=2000, help_text="e.g. Backend Engineer")
    locations = ListField(
        required=False, max_length=2000, help_text="Cities or regions you can work in."
    )
    must_have_keywords = ListField(
        required=False,
        max_length=2000,
        label="Must-have keywords",
        help_text="A job earns points for each of these it mentions.",
    )
    avoid_keywords = ListField(
        required=False,
        max_length=2000,
        label="Avoid keywords",
        help_text="A job that mentions one loses points (it is flagged, not hidden).",
    )

    class Meta:
        model = Profile
        fields = [
            "headline",
            "skills",
            "target_titles",
            "seniority",
            "years_experience",
            "locations",
            "remote_preference",
            "min_salary",
            "salary_currency",
            "must_have_keywords",
            "avoid_keywords",
        ]
        labels = {
            "min_salary": "Minimum salary (per year)",
            "years_experience": "Years of experience",
        }
        help_texts = {
            "min_salary": "Jobs paying less are flagged, never hidden.",
            "salary_currency": "Three letters, e.g. EUR.",
        }

    def clean_salary_currency(self):
        value = (self.cleaned_data.get("salary_currency") or "").strip().upper()
        if value and not re.fullmatch(r"[A-Z]{3}", value):
            raise forms.ValidationError("Use a three-letter code such as EUR or USD.")
        return value


class ResumeUploadForm(forms.Form):
    file = forms.FileField(help_text="PDF, DOCX or plain text.")
    name = forms.CharField(
        max_length=200, required=False, help_text="Optional, e.g. “Backend 2026”."
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > max_bytes():
            raise forms.ValidationError(
                f"The file is {human_size(upload.size)}; resumes up to "
                f"{human_size(max_bytes())} can be uploaded."
            )
        return upload


class AcceptSkillsForm(forms.Form):
    skills = forms.MultipleChoiceField(choices=[], widget=forms.CheckboxSelectMultiple)

    def __init__(self, *args, proposed=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["skills"].choices = [(s, s) for s in proposed]


class CompanyForm(forms.Form):
    company = forms.CharField(max_length=300)


class DocumentRequestForm(forms.Form):
    kind = forms.ChoiceField(choices=DocumentKind.choices)
    tone = forms.ChoiceField(choices=[(k, k.title()) for k in TONES], required=False)
    length = forms.ChoiceField(
        choices=[(k, f"{k.title()} ({v})") for k, v in LENGTHS.items()], required=False
    )
    questions = forms.CharField(
        widget=forms.Textarea(attrs={"rows": 3}),
        required=False,
        max_length=5000,
        help_text="For answers: one question per line.",
    )

    def options(self) -> dict:
        data = self.cleaned_data
        return {
            "tone": data.get("tone") or "",
            "length": data.get("length") or "",
            "questions": [q for q in (data.get("questions") or "").splitlines() if q.strip()],
        }


class DocumentEditForm(forms.Form):
    title = forms.CharField(max_length=300)
    content = forms.CharField(widget=forms.Textarea(attrs={"rows": 18}), max_length=50_000)
