"""POST /api/score: job cards from a search page scored by the fast scorer, nothing stored."""

import json

import pytest

from analysis.models import Score
from boards.models import Job

from .factories import make_profile

pytestmark = pytest.mark.django_db

CARD = {
    "title": "Senior Backend Engineer",
    "company": "Acme",
    "location": "Berlin",
    "text": "Python, Django, PostgreSQL and Kafka. 5+ years.",
    "url": "https://e.com/1",
}


def post(api_client, token, cards):
    return api_client.post("/api/score", data=json.dumps({"cards": cards}), token=token)


def test_cards_are_scored_with_band_and_top_skills_without_writing_jobs(
    api_client, alice, alice_token
):
    make_profile(alice)
    weak = {
        "title": "Pastry Chef",
        "company": "Bakery",
        "description": "Croissants, early mornings.",
        "url": "https://e.com/2",
    }
    response = post(api_client, alice_token, [CARD, weak])
    assert response.status_code == 200
    body = response.json()
    first, second = body["scores"]
    assert first["url"] == CARD["url"] and first["band"] in ("strong", "good")
    assert set(first["matched_skills"]) == {"Python", "Django", "PostgreSQL", "Backend Development"}
    assert first["missing_skills"] == ["Kafka"]
    assert second["score"] < first["score"] and second["band"] == "weak"
    assert body["profile_version"] >= 1
    assert not Job.objects.exists() and not Score.objects.exists()


def test_more_than_50_cards_are_refused(api_client, alice, alice_token):
    make_profile(alice)
    assert post(api_client, alice_token, [CARD] * 50).status_code == 200
    assert post(api_client, alice_token, [CARD] * 51).status_code == 422


def test_anonymous_is_401_and_each_user_gets_their_own_profile(
    api_client, alice, bob, alice_token, bob_token
):
    make_profile(alice, skills=["Python", "Django", "PostgreSQL"])
    assert post(api_client, None, [CARD]).status_code == 401
    response = post(api_client, bob_token, [CARD])
    assert response.status_code == 409 and "profile first" in response.json()["detail"]
    make_profile(bob, skills=["Kafka"], target_titles=["Data Engineer"])
    bob_view = post(api_client, bob_token, [CARD]).json()["scores"][0]
    assert bob_view["matched_skills"] == ["Kafka"]
    alice_view = post(api_client, alice_token, [CARD]).json()["scores"][0]
    assert "Kafka" not in alice_view["matched_skills"]
