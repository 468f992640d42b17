"""The catalogue's fields that have a Japanese text (django-modeltranslation), and their history.

modeltranslation adds ``<field>_en`` and ``<field>_ja`` columns to the model's own table when it
registers a model, after the models are loaded. django-simple-history builds a historical model
from the fields a model has at that moment: a ``HistoricalRecords()`` on the model class would
build it before the Japanese columns exist, and saving would fail or lose them. So these models
get their history here, right after their translation fields (simple-history's documented way).
"""

import simple_history
from modeltranslation.translator import TranslationOptions, translator

from catalogue.models import Committee, LifecycleStage, Sector, Series, Standard, StandardsBody


class TitleOptions(TranslationOptions):
    fields = ("title",)
    required_languages = ("en",)


class NameOptions(TranslationOptions):
    fields = ("name",)
    required_languages = ("en",)


TRANSLATED = [
    (Committee, TitleOptions),
    (Sector, NameOptions),
    (LifecycleStage, NameOptions),
    (Series, TitleOptions),
    (Standard, TitleOptions),
    (StandardsBody, NameOptions),
]

for model, options in TRANSLATED:
    translator.register(model, options)
    simple_history.register(model, app="catalogue")
