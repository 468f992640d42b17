import re


def reference_slug(text: str) -> str:
    """Turn a printed reference into a stable URL slug: ``ISO/IEC TS 8200:2024`` →
    ``iso-iec-ts-8200-2024`` (Django's slugify would drop the separators and merge numbers)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")
