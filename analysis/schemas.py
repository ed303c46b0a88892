"""Shapes: the model's structured answer, and the /api/score request and response."""

from ninja import Schema
from pydantic import BaseModel, ConfigDict, Field, model_validator


class JobAnalysisOut(BaseModel):
    """What a model must answer about one job (validated; invalid answers are retried once)."""

    model_config = ConfigDict(extra="forbid")

    score: int = Field(ge=0, le=100, description="Fit from 0 (none) to 100 (ideal).")
    qualifications_met: list[str] = Field(description="Requirements the candidate meets.")
    qualifications_missing: list[str] = Field(description="Requirements not shown.")
    strengths: list[str]
    gaps: list[str]
    suggestions: list[str] = Field(description="What to stress or prepare when applying.")
    summary: str = Field(description="Two or three sentences.")


# Keywords some structured-output implementations refuse; the model is told the bounds in
# words and pydantic checks them afterwards.
_UNSUPPORTED = {
    "minimum",
    "maximum",
    "maxLength",
    "minLength",
    "maxItems",
    "minItems",
    "title",
    "default",
    "exclusiveMinimum",
    "exclusiveMaximum",
}


def strict_schema(model: type[BaseModel]) -> dict:
    """The model's JSON schema, every property required, no extra ones, no bounds."""

    def clean(node):
        if isinstance(node, dict):
            out = {k: clean(v) for k, v in node.items() if k not in _UNSUPPORTED}
            if out.get("type") == "object" and "properties" in out:
                out["required"] = list(out["properties"])
                out["additionalProperties"] = False
            return out
        if isinstance(node, list):
            return [clean(v) for v in node]
        return node

    return clean(model.model_json_schema())


class CardIn(Schema):
    model_config = ConfigDict(extra="ignore")

    title: str = Field("", max_length=500)
    company: str = Field("", max_length=300)
    location: str = Field("", max_length=500)
    url: str = Field("", max_length=2000)
    text: str = Field("", max_length=20000, description="The card's text or description.")
    description: str = Field("", max_length=20000, description="Alias of text.")

    @model_validator(mode="after")
    def one_text(self):
        if not self.text and self.description:
            self.text = self.description
        return self


class ScoreCardsIn(Schema):
    model_config = ConfigDict(extra="forbid")

    cards: list[CardIn] = Field(max_length=50, description="Up to 50 job cards.")


class CardScoreOut(Schema):
    url: str
    title: str
    score: int
    band: str
    matched_skills: list[str]
    missing_skills: list[str]
    reasons: list[str]
    flags: list[str]


class ScoreCardsOut(Schema):
    profile_version: int
    scores: list[CardScoreOut]
