from django import forms
from django.core.validators import URLValidator

from .models import Board, SourceKind
from .services import TOKEN_KINDS, find_duplicate, guess_board, guess_name

HTML_KEYS = ("item", "title", "link", "company", "location", "next", "max_pages")
DEFAULT_INTERVAL = Board._meta.get_field("scan_interval_minutes").default
NOT_A_URL = (
    "That is not a web address. Paste the careers page, like https://boards.greenhouse.io/acme."
)


class QuickBoardForm(forms.Form):
    """The boards page's one field: a careers or posting URL (the scheme may be left off)."""

    url = forms.URLField(
        label="Add a board: paste a careers page or any posting URL",
        max_length=2000,
        assume_scheme="https",
        validators=[URLValidator(schemes=["http", "https"], message=NOT_A_URL)],
        error_messages={"required": "Paste a careers page URL first.", "invalid": NOT_A_URL},
        widget=forms.TextInput(
            attrs={
                "inputmode": "url",
                "autocomplete": "url",
                "spellcheck": "false",
                "placeholder": "https://boards.greenhouse.io/acme",
            }
        ),
    )


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

    def __init__(self, *args, owner=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.owner = owner
        self.duplicate: Board | None = None  # the owner's existing board, when this is it
        self.fields["name"].required = False
        self.fields["name"].help_text = "Left empty, it is guessed from the URL."
        interval = self.fields["scan_interval_minutes"]
        interval.required = False
        interval.min_value = 15
        interval.help_text = f"Minutes between scans (at least 15; {DEFAULT_INTERVAL} if empty)."
        self.fields["url"].validators = [URLValidator(schemes=["http", "https"], message=NOT_A_URL)]

    def clean_scan_interval_minutes(self):
        value = self.cleaned_data.get("scan_interval_minutes")
        if value is None:
            return DEFAULT_INTERVAL
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
            data["name"] = guess["name"] or guess_name(token=data.get("token") or "")
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
        if self.owner is not None and not self.errors:
            self.duplicate = find_duplicate(
                self.owner,
                kind=kind,
                token=data.get("token") or "",
                url=url,
                exclude_pk=self.instance.pk,
            )
            if self.duplicate is not None:
                self.add_error(None, f"You already have this board: {self.duplicate.name}.")
        return data


class JobIdsForm(forms.Form):
    ids = forms.TypedMultipleChoiceField(coerce=int, choices=(), required=True)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Any integers are accepted here; ownership is enforced by the service's query.
        self.fields["ids"].valid_value = lambda value: str(value).isdigit()
