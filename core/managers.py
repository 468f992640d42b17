from django.db import models


class NaturalKeyManager(models.Manager):
    """A manager whose ``get_by_natural_key`` looks a row up by one unique field."""

    def __init__(self, key: str | None = None):
        # Related managers subclass this one and call __init__() without arguments.
        super().__init__()
        self.key = key

    def get_by_natural_key(self, value):
        return self.get(**{self.key: value})
