"""What a sender's domain says: an ATS sending for many companies, or a shared mail service.

Neither names the employer, so correlation must not learn "this domain is Acme" from them.
"""

ATS_DOMAINS = (
    "greenhouse-mail.io", "greenhouse.io", "hire.lever.co", "lever.co", "ashbyhq.com",
    "myworkday.com", "myworkdayjobs.com", "smartrecruiters.com", "workablemail.com",
    "workable.com", "recruitee.com", "recruiteemail.com", "personio.de", "personio.com",
    "teamtailor.com", "teamtailor-mail.com", "bamboohr.com", "icims.com", "jobvite.com",
    "successfactors.com", "successfactors.eu", "taleo.net", "breezy.hr", "jazzhr.com",
    "applytojob.com", "pinpointhq.com", "rippling.com", "join.com", "softgarden.de",
    "softgarden.io", "dvinci.de", "d-vinci.de", "homerun.co", "comeet.co", "workablemail.net",
)  # fmt: skip

SHARED_DOMAINS = (
    "gmail.com", "googlemail.com", "outlook.com", "hotmail.com", "live.com", "yahoo.com",
    "icloud.com", "me.com", "aol.com", "proton.me", "protonmail.com", "gmx.de", "gmx.net",
    "web.de", "t-online.de", "mail.com", "fastmail.com", "linkedin.com", "indeed.com",
    "glassdoor.com", "xing.com", "stepstone.de", "ziprecruiter.com", "wellfound.com",
    "angel.co", "otta.com", "hired.com", "dice.com", "monster.com", "google.com",
    "calendly.com", "zoom.us", "hackerrank.com", "codility.com", "codesignal.com",
)  # fmt: skip


def _matches(domain: str, known: tuple[str, ...]) -> bool:
    domain = domain.lower().rstrip(".")
    return any(domain == d or domain.endswith("." + d) for d in known)


def is_ats_domain(domain: str) -> bool:
    return _matches(domain, ATS_DOMAINS)


def is_shared_domain(domain: str) -> bool:
    return _matches(domain, SHARED_DOMAINS)
