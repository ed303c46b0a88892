"""Sources: one module per ATS or page kind, each turning responses into `Posting`s.

The contract every source module follows (see base.py):
- `parse(body, board_token) -> list[Posting]`  pure: one response body in, postings out;
  raises `ShapeError` when the body is not the shape this source expects.
- `list_postings(board) -> Listing`  fetches every page of a board through boards.http and parses.
- `read_posting(url) -> Posting | None`  one posting by its URL (for capture/enrichment).
"""

from .base import Listing, Posting, ShapeError, SourceError
from .detect import Detected, detect

__all__ = ["Detected", "Listing", "Posting", "ShapeError", "SourceError", "detect"]
