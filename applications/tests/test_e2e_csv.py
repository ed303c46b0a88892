"""In a real browser: move from Huntr and Teal by CSV, as a person does, then export."""

import csv
import io
import re
from pathlib import Path

import pytest
from playwright.sync_api import expect

from applications.models import Application, Status

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]
DATA = Path(__file__).parent / "data"


def _open_import_from_the_list(page):
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Applications").click()
    page.locator("main").get_by_role("button", name="Import CSV").click()
    expect(page.get_by_role("heading", name="Import applications from CSV")).to_be_visible()


def _row(page, text):
    return page.locator("table.csv-preview tbody tr", has_text=text)


def test_importing_a_huntr_and_a_teal_export_then_exporting(journey, alice):
    page = journey.page
    journey.login("alice", "alice-pass-123")
    journey.go("/applications/")
    _open_import_from_the_list(page)
    journey.fits()
    journey.look("upload")

    # Huntr: recognised, statuses and dates mapped, one mapping changed in the page.
    page.get_by_label("CSV file").set_input_files(DATA / "huntr_export.csv")
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("Huntr export recognised")).to_be_visible()
    expect(
        page.get_by_text("5 new applications will be imported; 2 rows will be skipped")
    ).to_be_visible()
    quanta = _row(page, "Quanta Analytics")
    expect(quanta).to_contain_text("Wishlist")
    expect(quanta).to_contain_text("Saved")
    expect(quanta).to_contain_text("7 Sep 2026, 19:17")
    expect(_row(page, "Northwind Traders")).to_contain_text("Interviewing")
    expect(_row(page, "Senior Backend Engineer").nth(1)).to_contain_text(
        "Skip: the same posting as row 2"
    )
    page.get_by_label("Status “Interview” becomes").select_option(label="Screening")
    expect(_row(page, "Northwind Traders")).to_contain_text("Screening")
    journey.fits()
    journey.look("preview")

    page.get_by_role("button", name="Import 5 applications").click()
    expect(page.get_by_role("heading", name="Import finished")).to_be_visible()
    expect(page.locator(".csv-tally")).to_contain_text("5new applications")
    expect(page.get_by_text("Row 8: it has no company, job title or URL")).to_be_visible()
    journey.fits()
    journey.look("summary")
    page.get_by_role("button", name="See the imported applications").click()
    expect(page).to_have_url(re.compile(r"/applications/\?source=import$"))
    northwind = page.locator("tbody tr", has_text="Platform Engineer")
    expect(northwind).to_contain_text("Screening")
    expect(page.locator("tbody tr", has_text="Engineering Manager")).to_contain_text("Offer")

    # Teal: US dates, its own status words.
    _open_import_from_the_list(page)
    page.get_by_label("CSV file").set_input_files(DATA / "teal_export.csv")
    page.get_by_role("button", name="Read the file").click()
    expect(page.get_by_text("Teal export recognised")).to_be_visible()
    acme = _row(page, "Acme Robotics")
    expect(acme).to_contain_text("09/03/2026")
    expect(acme).to_contain_text("3 Sep 2026")
    expect(_row(page, "Vandelay Industries")).to_contain_text("Rejected")
    page.get_by_text("Columns: what each one holds").click()
    expect(page.get_by_label("Import Job Position as")).to_have_value("title")
    journey.fits()
    journey.look("teal-preview")
    page.get_by_role("button", name="Import 6 applications").click()
    expect(page.locator(".csv-tally")).to_contain_text("6new applications")

    # Export: the downloaded file holds both imports, formulas neutralised.
    journey.go("/applications/")
    with page.expect_download() as download:
        page.locator("main").get_by_role("button", name="Export CSV").click()
    text = Path(download.value.path()).read_text(encoding="utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert len(rows) == 11 == Application.objects.filter(owner=alice).count()
    by_company = {r["company"]: r for r in rows}
    assert by_company["Northwind Traders"]["status"] == Status.SCREENING
    assert by_company["Hooli"]["applied_at"].startswith("2026-09-04")
    assert '\'=HYPERLINK("http://evil.example","Click")' in by_company
