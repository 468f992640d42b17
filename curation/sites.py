"""The admin site NSB staff curate in: branded, the catalogue first, technical models last
and for superusers only (``curation.admin.technical``)."""

from django.contrib import admin
from django.contrib.admin.apps import AdminConfig
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

# Apps in the order the admin index shows them; any other app follows, then these last.
CATALOGUE_APPS = ["catalogue", "policies", "mappings"]
TECHNICAL_APPS = ["auth", "authtoken", "axes"]


class CurationAdminSite(admin.AdminSite):
    site_header = _("AI Standards Catalogue — curation")
    site_title = _("AI Standards Catalogue — curation")
    index_title = _("Curate the catalogue")

    def get_app_list(self, request, app_label=None):
        apps = super().get_app_list(request, app_label)

        def rank(app):
            label = app["app_label"]
            if label in CATALOGUE_APPS:
                return (0, CATALOGUE_APPS.index(label))
            if label in TECHNICAL_APPS:
                return (2, TECHNICAL_APPS.index(label))
            return (1, 0)

        return sorted(apps, key=rank)

    def each_context(self, request):
        # "View site" leads to the home page in the admin's language (/ja/ from /ja/admin/).
        return {**super().each_context(request), "site_url": reverse("website:home")}

    def index(self, request, extra_context=None):
        from curation.selectors import queue_counts  # models are ready once a page is asked for

        return super().index(request, {"queue": queue_counts(), **(extra_context or {})})


class CurationAdminConfig(AdminConfig):
    """``django.contrib.admin`` with the curation site as its default site."""

    default_site = "curation.sites.CurationAdminSite"
