"""Draws the extension's toolbar icons (16, 32, 48, 128 px PNG) from the site's favicon shapes:
a white briefcase on a blue rounded square (static/favicon.svg). No dependencies.

Run from the repository root: `python extension/icons/make_icons.py`.
"""

import struct
import zlib
from pathlib import Path

SIZES = (16, 32, 48, 128)
BLUE = (0x01, 0x72, 0xAD)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # per axis, per pixel: anti-aliasing
HALF = 1.25  # half the favicon's stroke width, in its 32-unit box


def _in_background(x: float, y: float, radius: float = 6.0) -> bool:
    """Inside the 32×32 square with corners rounded by `radius`."""
    cx = min(max(x, radius), 32 - radius)
    cy = min(max(y, radius), 32 - radius)
    return (x - cx) ** 2 + (y - cy) ** 2 <= radius**2


def _in_box(x: float, y: float, left: float, top: float, right: float, bottom: float) -> bool:
    return left <= x <= right and top <= y <= bottom


def _in_briefcase(x: float, y: float) -> bool:
    """The stroked body (9,11)–(23,24) and handle (13,11)→(13,8)→(19,8)→(19,11)."""
    body = _in_box(x, y, 9 - HALF, 11 - HALF, 23 + HALF, 24 + HALF) and not _in_box(
        x, y, 9 + HALF, 11 + HALF, 23 - HALF, 24 - HALF
    )
    handle = (
        _in_box(x, y, 13 - HALF, 8 - HALF, 13 + HALF, 11)
        or _in_box(x, y, 13 - HALF, 8 - HALF, 19 + HALF, 8 + HALF)
        or _in_box(x, y, 19 - HALF, 8 - HALF, 19 + HALF, 11)
    )
    return body or handle


def render(size: int) -> bytes:
    """RGBA rows, each led by PNG's filter byte 0."""
    rows = bytearray()
    scale = 32 / size
    for py in range(size):
        rows.append(0)
        for px in range(size):
            background = briefcase = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) * scale
                    y = (py + (sy + 0.5) / SAMPLES) * scale
                    if _in_background(x, y):
                        background += 1
                        briefcase += _in_briefcase(x, y)
            n = SAMPLES * SAMPLES
            alpha = background / n
            white = briefcase / background if background else 0
            rgb = [round(b + (w - b) * white) for b, w in zip(BLUE, WHITE, strict=True)]
            rows.extend([*rgb, round(alpha * 255)])
    return bytes(rows)


def png(size: int) -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(render(size), 9))
        + chunk(b"IEND", b"")
    )


if __name__ == "__main__":
    here = Path(__file__).resolve().parent
    for size in SIZES:
        (here / f"icon-{size}.png").write_bytes(png(size))
        print(f"wrote {here / f'icon-{size}.png'}")
