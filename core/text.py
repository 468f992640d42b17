import re


def reference_slug(text: str) -> str:
    """Turn a printed reference into a stable URL slug: ``ISO/IEC TS 8200:2024`` →
    ``iso-iec-ts-8200-2024`` (Django's slugify would drop the separators and merge numbers)."""
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


# Words between the organisation and the number that do not change where a document sorts:
# deliverable types and project stages (``ISO/IEC TS 8200``, ``ISO/IEC CD 42105``).
_NUMBER = re.compile(r"\d")
SORT_NUMBER_WIDTH = 8


def _padded_numbers(text: str) -> str:
    return "-".join(number.zfill(SORT_NUMBER_WIDTH) for number in re.findall(r"\d+", text))


def reference_sort_key(reference: str) -> str:
    """Return the key that puts printed references in their natural order: by organisation,
    number, part, year, then type and supplement.

    ``ISO/IEC 5259-1:2024`` < ``ISO/IEC 5259-2:2024`` < ``ISO/IEC TS 8200:2024`` <
    ``ISO/IEC 42001:2023`` < ``ISO/IEC 42001:2023/Amd 1:2024``. Numbers are zero-padded so that
    comparing keys as text compares them as numbers; the type (TS, TR, CD …) only breaks ties.
    """
    words = reference.strip().split()
    if not words:
        return ""
    organisation, rest = words[0], words[1:]
    markers = []
    while rest and not _NUMBER.search(rest[0]):
        markers.append(rest.pop(0))
    designation = " ".join(rest)
    main, _slash, supplement = designation.partition("/")
    numbers, _colon, year = main.partition(":")
    fields = [
        re.sub(r"[^a-z]+", "-", organisation.lower()).strip("-"),
        _padded_numbers(numbers) or numbers.lower(),
        _padded_numbers(year) or "0000",
        "-".join(marker.lower() for marker in markers),
        re.sub(r"\d+", lambda m: m.group().zfill(SORT_NUMBER_WIDTH), supplement.lower()).replace(
            " ", "-"
        ),
    ]
    return " ".join(fields).rstrip()
