"""Printed pages read back from a PDF: each page's text pieces with their place and size, so
tests can check what a reader of the paper sees (what ends a page, what starts one)."""

from __future__ import annotations

import shutil
from dataclasses import dataclass
from pathlib import Path

from pypdf import PdfReader

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
"""Headless Chromium with nothing fetched from the network and no sandbox (CI runs as root)."""

FOOTER_PT = 30.0
"""Text this close to the bottom edge (in points) is the page footer."""


@dataclass(frozen=True)
class Piece:
    x: float
    y: float
    """Distance from the bottom of the page, in points (PDF's own direction)."""
    size: float
    text: str
    bold: bool = False


@dataclass(frozen=True)
class Page:
    number: int
    width: float
    height: float
    pieces: list[Piece]
    text: str
    """The page's text, whitespace collapsed to single spaces."""

    @property
    def body(self) -> list[Piece]:
        return [p for p in self.pieces if p.y > FOOTER_PT]


def read_pages(pdf: Path) -> list[Page]:
    pages = []
    for number, page in enumerate(PdfReader(str(pdf)).pages, start=1):
        pieces: list[Piece] = []

        def visit(
            text: str,
            cm: list[float],
            tm: list[float],
            font: dict[str, object] | None,
            size: float,
            pieces: list[Piece] = pieces,
        ) -> None:
            if not text.strip():
                return
            bold = "Bold" in str((font or {}).get("/BaseFont", ""))
            x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
            y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
            scale = abs(tm[3] * cm[3] + tm[2] * cm[1]) or 1.0
            pieces.append(Piece(x, y, round(size * scale, 1), " ".join(text.split()), bold))

        text = page.extract_text(visitor_text=visit) or ""
        box = page.mediabox
        pages.append(
            Page(number, float(box.width), float(box.height), pieces, " ".join(text.split()))
        )
    return pages
