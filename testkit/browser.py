"""What every browser journey checks besides its own steps: the page fits the screen at a
phone's and a laptop's width, the console stayed clean, and screenshots are kept to look at.

Screenshots go to `data/screenshots/<test name>/<step>-<width>-<scheme>.png` (kept after the
run; `make test` prints nothing about them). Failures also keep Playwright's own screenshot
under `data/e2e-failures/` (pytest.ini sets `--screenshot only-on-failure`).
"""

import re
from pathlib import Path

from django.conf import settings
from playwright.sync_api import Page, expect

PHONE = {"width": 390, "height": 844}
LAPTOP = {"width": 1280, "height": 800}
SCREENSHOTS = Path(settings.BASE_DIR) / "data" / "screenshots"

# Elements wider than the viewport, with enough of a name to find them in a template.
_OVERFLOWING = """() => {
  const width = document.documentElement.clientWidth;
  const culprits = [];
  for (const el of document.body.querySelectorAll('*')) {
    const box = el.getBoundingClientRect();
    // Wholly off-screen on the left (a skip link) or 1 px wide (visually hidden) is on purpose.
    const cut = box.right > width + 1 || (box.left < -1 && box.right > 0);
    const seen = getComputedStyle(el);
    if (cut && box.width > 1 && seen.visibility !== 'hidden' && seen.opacity !== '0') {
      // Only report the outermost culprit, and nothing inside a scroller meant to scroll.
      let inScroller = false;
      for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
        const style = getComputedStyle(p);
        if (['auto', 'scroll', 'hidden', 'clip'].includes(style.overflowX)) {
          inScroller = true;
          break;
        }
      }
      if (inScroller) continue;
      const classes = typeof el.className === 'string' ? el.className.trim() : '';
      const name = el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
        (classes ? '.' + classes.split(/\\s+/).join('.') : '');
      culprits.push(name + ' left=' + Math.round(box.left) + ' right=' + Math.round(box.right));
      if (culprits.length >= 5) break;
    }
  }
  const scrollWidth = document.documentElement.scrollWidth;
  const offLeft = culprits.some((c) => / left=-/.test(c));
  return {scrollWidth, width, culprits, spills: scrollWidth > width + 1 || offLeft};
}"""


class Journey:
    """A person at a browser: `journey.login(...)`, then `journey.fits()` and `journey.look()`
    after each screen that matters. Console errors fail the test when it ends."""

    def __init__(self, page: Page, base_url: str, name: str):
        self.page = page
        self.base_url = base_url.rstrip("/")
        self.name = re.sub(r"[^\w.-]+", "_", name)[:80]
        self.console_errors: list[str] = []
        page.on("console", self._on_console)
        page.on("pageerror", lambda error: self.console_errors.append(f"pageerror: {error}"))
        page.set_viewport_size(LAPTOP)

    def _on_console(self, message) -> None:
        if message.type == "error":
            self.console_errors.append(f"{message.text} ({message.location.get('url', '')})")

    def go(self, path: str) -> Page:
        self.page.goto(self.base_url + path)
        return self.page

    def login(self, username: str, password: str) -> None:
        """Sign in through the sign-in page, as a person does."""
        self.go("/login/")
        self.page.get_by_label("Username").fill(username)
        self.page.get_by_label("Password").fill(password)
        self.page.get_by_role("button", name="Sign in").click()
        expect(self.page.get_by_role("navigation", name="Main")).to_be_visible()

    def fits(self, widths=(PHONE, LAPTOP)) -> None:
        """Fail when the current page scrolls sideways at a phone's or a laptop's width."""
        before = self.page.viewport_size
        problems = []
        for size in widths:
            self.page.set_viewport_size(size)
            self.page.wait_for_timeout(50)  # let layout settle after the resize
            found = self.page.evaluate(_OVERFLOWING)
            if found["spills"]:
                problems.append(
                    f"{self.page.url} is {found['scrollWidth']} px wide at {size['width']} px "
                    "or spills off an edge: " + ", ".join(found["culprits"])
                )
        self.page.set_viewport_size(before)
        assert not problems, "\n".join(problems)

    def look(self, step: str, widths=(PHONE, LAPTOP), schemes=("light", "dark")) -> list[Path]:
        """Full-page screenshots of the current page at each width and colour scheme."""
        folder = SCREENSHOTS / self.name
        folder.mkdir(parents=True, exist_ok=True)
        before = self.page.viewport_size
        paths = []
        for scheme in schemes:
            self.page.emulate_media(color_scheme=scheme)
            self.page.wait_for_timeout(350)  # Pico fades colours for 0.2 s after a switch
            for size in widths:
                self.page.set_viewport_size(size)
                path = folder / f"{step}-{size['width']}-{scheme}.png"
                self.page.screenshot(path=str(path), full_page=True)
                paths.append(path)
        self.page.emulate_media(color_scheme="light")
        self.page.set_viewport_size(before)
        return paths

    def allow_console(self, fragment: str) -> None:
        """Forget console errors containing `fragment` (e.g. the 404 a 404 page test asks for)."""
        self.console_errors = [e for e in self.console_errors if fragment not in e]

    def assert_clean_console(self) -> None:
        assert not self.console_errors, "console errors:\n" + "\n".join(self.console_errors)
