from django import forms

from .models import Board, SourceKind
from .services import TOKEN_KINDS, guess_board

HTML_KEYS = ("item", "title", "link", "company", "location", "next", "max_pages")


class BoardForm(forms.ModelForm):
    url = forms.URLField(
        label="Careers page URL", required=False, max_length=2000, assume_scheme="https"
    )
    kind = forms.ChoiceField(
        choices=[("", "Detect from the URL")] + list(SourceKind.choices[:-1]), required=False
    )
    config = forms.JSONField(
        required=False,
        initial=dict,
        help_text='For HTML pages: {"item": "li.job", "link": "a", "location": ".loc", '
        '"next": "a[rel=next]"}. For Adzuna: {"what": "python", "where": "London", '
        '"country": "gb"}.',
        widget=forms.Textarea(attrs={"rows": 3}),
    )

    class Meta:
        model = Board
        fields = [
            "url",
            "name",
            "kind",
            "token",
            "include_keywords",
            "exclude_keywords",
            "location_keywords",
            "scan_interval_minutes",
            "config",
        ]
        widgets = {
            "include_keywords": forms.Textarea(attrs={"rows": 2}),
            "exclude_keywords": forms.Textarea(attrs={"rows": 2}),
            "location_keywords": forms.Textarea(attrs={"rows": 2}),
        }
        labels = {"url": "Careers page URL", "token": "Board token"}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name"].required = False
        self.fields["scan_interval_minutes"].min_value = 15
        self.fields["scan_interval_minutes"].help_text = "Minutes between scans (at least 15)."

    def clean_scan_interval_minutes(self):
        value = self.cleaned_data["scan_interval_minutes"]
        if value < 15:
            raise forms.ValidationError(
                "Scan at most every 15 minutes; career sites are polite to us."
            )
        return value

    def clean_config(self):
        value = self.cleaned_data.get("config") or {}
        if not isinstance(value, dict):
            raise forms.ValidationError('Settings must be a JSON object, like {"item": "li.job"}.')
        return value

    def clean(self):
        data = super().clean()
        url = data.get("url") or ""
        guess = guess_board(url) if url else {"kind": "", "token": "", "name": ""}
        kind = data.get("kind") or guess["kind"]
        if not kind:
            self.add_error("url", "Paste the careers page URL, or choose a kind.")
            return data
        data["kind"] = kind
        if not data.get("token") and guess["kind"] == kind:
            data["token"] = guess["token"]
        if not data.get("name"):
            data["name"] = guess["name"] or data.get("token") or "Board"
        config = data.get("config") or {}
        if kind in TOKEN_KINDS and not data.get("token"):
            self.add_error(
                "token",
                f"A {SourceKind(kind).label} board needs its token; "
                "paste a URL of the board or a posting on it.",
            )
        if kind == SourceKind.WORKDAY and not url:
            self.add_error("url", "A Workday board needs its careers site URL.")
        if kind in (SourceKind.HTML, SourceKind.JSONLD) and not url:
            self.add_error("url", "This kind of board reads a page: paste its URL.")
        if kind == SourceKind.HTML and not config.get("item"):
            self.add_error("config", 'An HTML board needs at least an "item" selector.')
        if kind == SourceKind.HTML:
            unknown = set(config) - set(HTML_KEYS)
            if unknown:
                self.add_error("config", f"Unknown settings: {', '.join(sorted(unknown))}.")
        if kind == SourceKind.ADZUNA and not (config.get("what") or data.get("token")):
            self.add_error("config", 'An Adzuna search needs {"what": "..."}.')
        return data


class JobIdsForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any integers are accepted here; ownership is enforced by the service's query.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()
