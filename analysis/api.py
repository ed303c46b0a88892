"""POST /api/score: fit scores for job cards on a search page, from the fast scorer."""

from ninja import Router, Status

from jobtracker.schemas import ErrorOut

from .models import Profile
from .schemas import ScoreCardsIn, ScoreCardsOut
from .scoring import JobInput, Rarity, score
from .services import is_scorable, profile_spec

router = Router(tags=["analysis"])

TOP_SKILLS = 5


@router.post(
    "/score",
    response={200: ScoreCardsOut, 409: ErrorOut},
    summary="Fit scores for up to 50 job cards",
)
def score_cards(request, payload: ScoreCardsIn):
    """Score each card (title, company, location, text or description, url) against your
    profile without storing anything. 409 until the profile lists skills or target titles."""
    profile = Profile.objects.filter(owner=request.user).first()
    if not is_scorable(profile):
        return Status(
            409,
            {
                "detail": "Add skills or target titles to your profile first: cards are "
                "scored against it."
            },
        )
    spec = profile_spec(profile)
    rarity = Rarity(profile.skill_df, profile.df_jobs)
    scores = []
    for card in payload.cards:
        result = score(
            spec,
            JobInput(
                title=card.title, company=card.company, location=card.location, text=card.text
            ),
            rarity,
        )
        scores.append(
            {
                "url": card.url,
                "title": card.title,
                "score": result.total,
                "band": result.band,
                "matched_skills": result.matched_skills[:TOP_SKILLS],
                "missing_skills": result.missing_skills[:TOP_SKILLS],
                "reasons": result.reasons,
                "flags": result.flags,
            }
        )
    return {"profile_version": profile.version, "scores": scores}
