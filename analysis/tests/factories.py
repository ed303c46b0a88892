"""Builders with valid defaults for analysis tests."""

import io

from analysis.models import Profile, Resume
from boards.tests.factories import make_job  # noqa: F401  (re-exported)

RESUME_TEXT = """Jane Doe
Senior Backend Engineer at Northwind Traders (2019-2024)
- Built Python and Django services on PostgreSQL for 2 million users
- Ran Kubernetes clusters on AWS; cut hosting costs by 30%
Backend Engineer at Contoso (2015-2019)
- Wrote REST APIs in Go and Python
Education: BSc Computer Science, University of Leeds
"""


def make_profile(owner, **overrides) -> Profile:
    values = {
        "skills": ["Python", "Django", "PostgreSQL"],
        "target_titles": ["Backend Engineer"],
        "seniority": "senior",
        "years_experience": 8,
        "locations": ["Berlin"],
        "remote_preference": "hybrid",
    }
    values.update(overrides)
    profile, _ = Profile.objects.update_or_create(owner=owner, defaults=values)
    return profile


def make_resume(owner, text: str = RESUME_TEXT, **overrides) -> Resume:
    values = {
        "name": "CV",
        "filename": "cv.txt",
        "content_type": "text",
        "size": len(text),
        "text": text,
        "is_active": True,
    }
    values.update(overrides)
    return Resume.objects.create(owner=owner, **values)


def pdf_with_text(lines: list[str]) -> bytes:
    """A minimal valid PDF (one page, Helvetica) whose text pypdf can extract."""
    content = (
        "BT /F1 12 Tf 72 720 Td 14 TL "
        + " ".join(
            "(" + line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)") + ") '"
            for line in lines
        )
        + " ET"
    )
    return _pdf(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            "/Resources << /Font << /F1 5 0 R >> >> >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        ]
    )


def pdf_without_text() -> bytes:
    """A valid PDF whose one page draws only a rectangle: what a scan looks like to pypdf."""
    content = "0 0 1 rg 100 100 200 200 re f"
    return _pdf(
        [
            "<< /Type /Catalog /Pages 2 0 R >>",
            "<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R >>",
            f"<< /Length {len(content)} >>\nstream\n{content}\nendstream",
        ]
    )


def _pdf(objects: list[str]) -> bytes:
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n{body}\nendobj\n".encode("latin-1"))
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(
        f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    )
    return out.getvalue()


def docx_with_text(paragraphs: list[str]) -> bytes:
    import docx

    document = docx.Document()
    for paragraph in paragraphs:
        document.add_paragraph(paragraph)
    table = document.add_table(rows=1, cols=2)
    table.rows[0].cells[0].text = "Skills"
    table.rows[0].cells[1].text = "Terraform, Kafka"
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
