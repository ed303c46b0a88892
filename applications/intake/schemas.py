from typing import Annotated, Literal

from ninja import Schema
from pydantic import BeforeValidator, ConfigDict, Field, field_validator

from jobtracker.params import storable

# Text made storable (no NUL, no lone surrogate: PostgreSQL refuses both) before max_length is
# checked; a value that is not a string is left for the str check to refuse.
Text = Annotated[str, BeforeValidator(lambda v: storable(v) if isinstance(v, str) else v)]


class CaptureIn(Schema):
    model_config = ConfigDict(extra="forbid")

    url: Text = Field(max_length=2000, description="The posting's URL (http or https).")
    title: Text = Field("", max_length=500)
    company: Text = Field("", max_length=300)
    location: Text = Field("", max_length=500)
    status: Literal["saved", "applied"] = "saved"
    notes: Text = Field("", max_length=5000)
    html: Text | None = Field(
        None, max_length=2 * 1024 * 1024, description="The page's HTML, for login-walled pages."
    )

    @field_validator("url")
    @classmethod
    def http_only(cls, value: str) -> str:
        value = value.strip()
        if not value.lower().startswith(("http://", "https://")):
            raise ValueError("only http:// and https:// URLs can be captured")
        return value


class ApplicationOut(Schema):
    id: int
    url: str
    page_url: str
    status: str
    title: str
    company: str
    location: str


class CaptureOut(ApplicationOut):
    created: bool
    job_id: int


class LookupOut(Schema):
    tracked: bool
    application: ApplicationOut | None = None


class ApplicationPatch(Schema):
    model_config = ConfigDict(extra="forbid")

    status: Literal[
        "saved", "applied", "screening", "assessment", "interviewing", "offer", "accepted",
        "rejected", "withdrawn", "ghosted",
    ] | None = None  # fmt: skip
    notes: Text | None = Field(None, max_length=5000)


class LookupQuery(Schema):
    url: Text = Field(max_length=2000)


class PageQuery(Schema):
    limit: int = Field(50, ge=1, le=200)
    offset: int = Field(0, ge=0, le=1_000_000)


class ApplicationPage(Schema):
    count: int
    items: list[ApplicationOut]
