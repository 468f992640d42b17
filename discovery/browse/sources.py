"""Sources as readers can use them: short links named by their site, each shown once.

A source is free text today (``ISO policy brief section 3.2; https://eur-lex.europa.eu/…``):
its parts are separated by ``;``. A part that is an address becomes a link named by its host
(``eur-lex.europa.eu``); any other part stays text. When sources become rows of their own
(publisher, title, date, address), they take the place of these parts.
"""

from __future__ import annotations

import dataclasses
import re
from urllib.parse import urlsplit

URL = re.compile(r"^https?://\S+$", re.IGNORECASE)


@dataclasses.dataclass(frozen=True)
class SourceLink:
    text: str  # the host of an address, or the part as written
    url: str = ""  # empty for a source that is not an address

    @property
    def is_link(self) -> bool:
        return bool(self.url)


def source_parts(text: str) -> list[SourceLink]:
    """The parts of one source text, addresses as short links."""
    parts = []
    for raw in (text or "").split(";"):
        part = raw.strip()
        if not part:
            continue
        if URL.match(part):
            host = urlsplit(part).hostname or part
            parts.append(SourceLink(host.removeprefix("www."), part))
        else:
            parts.append(SourceLink(part))
    return parts


def source_links(*texts: str) -> list[SourceLink]:
    """The parts of all ``texts``, each once, in the order they first appear."""
    return list(dict.fromkeys(part for text in texts for part in source_parts(text)))
