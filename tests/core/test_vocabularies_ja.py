"""Every fixed vocabulary (TextChoices: statuses, relationships, confidence, degrees,
deliverable types, review states …) and every stage code's name has a Japanese label in
locale/ja, so the API and the pages never fall back to English for them."""

import inspect
from pathlib import Path

from django.db import models

import catalogue.models
import catalogue.stages
import core.models
import mappings.models
import policies.models
from catalogue.stages import STAGE_CODES
from tests.core.test_locale_ja import PO, parse_po

MODULES = [catalogue.models, catalogue.stages, policies.models, mappings.models, core.models]


def msgid(label) -> str:
    return label._proxy____args[0] if hasattr(label, "_proxy____args") else str(label)


def test_every_vocabulary_label_is_translated():
    entries = {entry["msgid"]: entry for entry in parse_po(Path(PO).read_text("utf-8"))}
    labels = [
        (choices.__name__, msgid(label))
        for module in MODULES
        for choices in vars(module).values()
        if inspect.isclass(choices)
        and issubclass(choices, models.Choices)
        and choices.__module__ == module.__name__
        for label in choices.labels
    ]
    labels += [("STAGE_CODES", msgid(label)) for label in STAGE_CODES.values()]
    assert len(labels) > 60
    untranslated = [
        (name, text)
        for name, text in labels
        if text not in entries
        or not all(entries[text]["msgstr"].values())
        or "fuzzy" in entries[text]["flags"]
    ]
    assert untranslated == []
