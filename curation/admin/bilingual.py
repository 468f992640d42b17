"""Both languages side by side in the admin: modeltranslation's ``TranslationAdmin`` shows
``title [en]`` and ``title [ja]`` for a translated ``title``; this puts them on one line,
and the Japanese text's source and confidence on the next."""

from django import forms
from modeltranslation.admin import TranslationAdmin


def side_by_side(fields, translated: set[str]) -> list:
    """Pair ``<f>_en`` with ``<f>_ja``, and ``<f>_ja_source`` with ``<f>_ja_confidence``."""
    pairs = {}
    for field in translated:
        pairs[f"{field}_en"] = f"{field}_ja"
        pairs[f"{field}_ja_source"] = f"{field}_ja_confidence"
    partners = set(pairs.values())
    flat = [field for field in fields if isinstance(field, str)]
    lines = []
    for field in fields:
        if isinstance(field, str) and field in pairs and pairs[field] in flat:
            lines.append((field, pairs[field]))
        elif not (isinstance(field, str) and field in partners and _paired(field, pairs, flat)):
            lines.append(field)
    return lines


def _paired(field: str, pairs: dict, flat: list) -> bool:
    return any(partner == field and first in flat for first, partner in pairs.items())


class BilingualAdmin(TranslationAdmin):
    def formfield_for_dbfield(self, db_field, request, **kwargs):
        if db_field.name.endswith("_ja_source"):  # a citation: one line, beside its confidence
            kwargs["widget"] = forms.TextInput(attrs={"size": 60})
        return super().formfield_for_dbfield(db_field, request, **kwargs)

    def get_fieldsets(self, request, obj=None):
        translated = set(self.trans_opts.fields)
        return [
            (name, {**options, "fields": side_by_side(options["fields"], translated)})
            for name, options in super().get_fieldsets(request, obj)
        ]
