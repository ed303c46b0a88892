"""Prompts. The system prefix (rules, then profile and resume) is identical for every call
of one profile version, so providers can cache it; the job or task goes in the user turn."""

from .models import Profile, Resume

RULES = """You help one person with their job search. You are given their profile and resume.

Rules:
- Use only facts stated in the profile and resume. Never invent employers, job titles,
  degrees, certificates, skills, dates, numbers or achievements.
- If the resume does not show something a job asks for, say so plainly; do not guess.
- Be specific and brief. No flattery.
"""

RESUME_LIMIT = 30_000  # characters of resume text sent (a few pages)


def profile_block(profile: Profile, resume: Resume | None) -> str:
    lines = ["# Candidate profile"]
    if profile.headline:
        lines.append(f"Headline: {profile.headline}")
    if profile.skills:
        lines.append("Skills: " + ", ".join(profile.skills))
    if profile.target_titles:
        lines.append("Target titles: " + ", ".join(profile.target_titles))
    if profile.seniority:
        lines.append(f"Seniority: {profile.get_seniority_display()}")
    if profile.years_experience is not None:
        lines.append(f"Years of experience: {profile.years_experience}")
    if profile.locations:
        lines.append("Locations: " + ", ".join(profile.locations))
    lines.append(f"Remote preference: {profile.get_remote_preference_display()}")
    if profile.min_salary:
        lines.append(f"Minimum salary: {profile.min_salary:,.0f} {profile.salary_currency}")
    if profile.must_have_keywords:
        lines.append("Must have: " + ", ".join(profile.must_have_keywords))
    if profile.avoid_keywords:
        lines.append("Avoid: " + ", ".join(profile.avoid_keywords))
    lines.append("")
    lines.append("# Resume")
    lines.append(resume.text[:RESUME_LIMIT] if resume else "(no resume uploaded)")
    return "\n".join(lines)


def system_prefix(profile: Profile, resume: Resume | None) -> list[str]:
    return [RULES, profile_block(profile, resume)]


def job_block(job) -> str:
    lines = [f"Title: {job.title}", f"Company: {job.company}"]
    if job.location:
        lines.append(f"Location: {job.location} ({job.get_remote_display()})")
    if job.salary_min or job.salary_max:
        lines.append(
            f"Salary: {job.salary_min or '?'}-{job.salary_max or '?'} {job.salary_currency} "
            f"{job.get_salary_period_display() if job.salary_period else ''}".strip()
        )
    lines.append("")
    lines.append((job.description_text or "(no description)")[:20_000])
    return "\n".join(lines)


def analysis_prompt(job) -> str:
    return (
        "Assess how well the candidate fits this job posting. Answer only with JSON of the "
        "given schema: score is an integer from 0 to 100; each list has at most 6 short items; "
        "summary is two or three sentences.\n\n# Job posting\n" + job_block(job)
    )


LENGTHS = {"short": "about 150 words", "medium": "about 250 words", "long": "about 400 words"}
TONES = {
    "professional": "professional and warm",
    "enthusiastic": "enthusiastic but not gushing",
    "concise": "direct and concise",
    "formal": "formal",
}


def writing_prompt(kind: str, application, job, options: dict) -> str:
    posting = (
        job_block(job) if job else f"Title: {application.title}\nCompany: {application.company}"
    )
    if kind == "cover_letter":
        tone = TONES.get(options.get("tone"), TONES["professional"])
        length = LENGTHS.get(options.get("length"), LENGTHS["medium"])
        task = (
            f"Write a cover letter for this job, {length}, in a {tone} tone. Use only "
            "experience, employers, titles, degrees, skills and numbers from the resume and "
            "profile. Where the job asks for something the resume does not show, do not claim "
            "it. Plain text with paragraphs; no placeholders like [Company]."
        )
    elif kind == "answers":
        questions = [q for q in options.get("questions", []) if q.strip()]
        listed = "\n".join(f"{i}. {q}" for i, q in enumerate(questions, 1))
        task = (
            "Answer each application question below in the candidate's voice, 60-150 words "
            "each, using only facts from the resume and profile. If the resume has nothing for "
            "a question, say what the candidate should add instead of inventing it. Format: "
            "Markdown, each question as a '### ' heading followed by the answer.\n\n"
            f"Questions:\n{listed}"
        )
    else:
        task = (
            "Suggest 5-8 resume bullet points that present the candidate's existing experience "
            "for this job. Reword and reorder only what the resume says: no new employers, "
            "numbers, tools or results. Markdown list; after each bullet, in parentheses, the "
            "resume line it comes from."
        )
    return f"{task}\n\n# Job posting\n{posting}"
