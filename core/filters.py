"""Filter building blocks whose errors name the allowed values, and whose choices are read
from the database at most once per request."""

import django_filters
import django_filters.fields
from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _lazy

from core.cache import catalogue_cached


def once(function):
    """Memoise a choices callable for the life of one filterset (one request), and across
    requests for the catalogue version and language (the lists come from the database)."""
    cache = []
    name = f"{function.__module__}.{function.__qualname__}"

    def choices():
        if not cache:
            key = {"choices": name, "language": get_language()}
            cache.append(catalogue_cached("filter-choices", key, lambda: list(function())))
        return cache[0]

    return choices


UNKNOWN_VALUE = _lazy("Unknown %(noun)s '%(value)s'. Allowed: %(allowed)s.")


def allowed_values_error(noun: str, value, choices) -> ValidationError:
    """An error naming the allowed values. The user's value travels in ``params``, never in
    the format string, so a ``%`` in it cannot break formatting."""
    return ValidationError(
        UNKNOWN_VALUE,
        code="invalid_choice",
        params={
            "noun": noun,
            "value": value,
            "allowed": ", ".join(str(choice) for choice, _label in choices),
        },
    )


class NamedChoiceMixin:
    """Replace Django's 'Select a valid choice' with a message that lists allowed values."""

    noun = "value"

    def validate(self, value):
        try:
            super().validate(value)
        except ValidationError as error:
            if error.code != "invalid_choice":
                raise
            raise allowed_values_error(self.noun, error.params["value"], self.choices) from error


class NamedChoiceField(NamedChoiceMixin, forms.ChoiceField):
    def __init__(self, *args, noun="value", **kwargs):
        self.noun = noun
        super().__init__(*args, **kwargs)


class NamedMultipleChoiceField(NamedChoiceMixin, forms.MultipleChoiceField):
    def __init__(self, *args, noun="value", **kwargs):
        self.noun = noun
        super().__init__(*args, **kwargs)


class NamedFilterChoiceField(NamedChoiceMixin, django_filters.fields.ChoiceField):
    def __init__(self, *args, noun="value", **kwargs):
        self.noun = noun
        super().__init__(*args, **kwargs)


class CodeFilter(django_filters.ChoiceFilter):
    """A single value from an enumeration."""

    field_class = NamedChoiceField


class CodeListFilter(django_filters.MultipleChoiceFilter):
    """One or more values from an enumeration, OR-ed (``?objective=4.2&objective=4.3``)."""

    field_class = NamedMultipleChoiceField


class NamedOrderingFilter(django_filters.OrderingFilter):
    """Ordering with a unique tie-breaker and an error that lists the allowed fields."""

    field_class = NamedFilterChoiceField

    def __init__(self, *args, tie_breaker="id", **kwargs):
        self.tie_breaker = tie_breaker
        kwargs.setdefault("noun", "ordering field")
        super().__init__(*args, **kwargs)

    def filter(self, qs, value):
        ordering = [self.get_ordering_value(param) for param in value or []]
        if not ordering:
            return qs
        return qs.order_by(*ordering, self.tie_breaker)


class BoundedCharFilter(django_filters.CharFilter):
    """Free text with a length limit whose error names the limit."""

    def __init__(self, *args, max_length=200, **kwargs):
        kwargs.setdefault("max_length", max_length)
        super().__init__(*args, **kwargs)
