from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class DiscoveryConfig(AppConfig):
    name = "discovery"
    verbose_name = _("Discovery")

    def ready(self):
        from discovery.applies_in import connect_signals

        connect_signals()
