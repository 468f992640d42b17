from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = _("Discovery")

    def ready(self):
        from discovery import applies_in, search

        applies_in.connect_signals()
        search.connect_signals()
