"""Reports as PDF board packs: the HTML report laid out by WeasyPrint, which honours the print
CSS (A4 landscape pages, the footer's title and "Page N of M", headings kept with tables).

WeasyPrint is an optional extra (`pip install 'slac-plan[pdf]'`): it needs the Pango library
from the system, which a plain `pip install` cannot bring.
"""

from __future__ import annotations

import logging
from typing import NoReturn

from slac_plan.core.problems import InputError

INSTALL = (
    "pip install 'slac-plan[pdf]', and Pango from the system "
    "(Debian and Ubuntu: apt install libpango-1.0-0 libpangoft2-1.0-0)"
)


class PdfUnavailable(InputError):
    """WeasyPrint, or the system library it needs, is not installed."""


def html_to_pdf(html: str) -> bytes:
    """The bytes of a PDF of `html`, a self-contained report page. Nothing is fetched: a
    report links to web pages but embeds nothing, so any address it names stays unread."""
    try:
        import weasyprint
    except ImportError:
        raise PdfUnavailable(f"--format pdf needs WeasyPrint: {INSTALL}") from None
    except OSError as error:  # WeasyPrint is there, the Pango it loads is not
        raise PdfUnavailable(f"--format pdf cannot load Pango ({error}): {INSTALL}") from None
    # Its warnings (a CSS property it does not know) are for developers, not the reader of a
    # board pack: kept out of the output rather than printed.
    logging.getLogger("weasyprint").addHandler(logging.NullHandler())
    logging.getLogger("weasyprint").propagate = False
    document = weasyprint.HTML(string=html, url_fetcher=_fetch_nothing)
    data: bytes = document.write_pdf()
    return data


def _fetch_nothing(url: str, *args: object, **kwargs: object) -> NoReturn:
    raise ValueError(f"a report embeds nothing from outside: {url} not fetched")
