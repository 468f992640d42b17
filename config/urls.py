"""The site's addresses. English keeps the unprefixed ones; Japanese has the same under /ja/.

Pages, feeds, the curation queue and the admin are in ``i18n_patterns`` (``/ja/…``; the default
language has no prefix, so no English address changed): each is read by people, and a Japanese
curator moving from the curation queue to the admin stays in Japanese (Django's admin ships its
own Japanese). The API is not: its addresses are data that scripts keep, the same in every
language, and it chooses its language from the request instead.
"""

from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path

from website.feeds import ChangesFeed, StandardsFeed
from website.urls import catalogue_patterns, policy_patterns, site_patterns

urlpatterns = [
    path("api/", include("api.urls")),
    *i18n_patterns(
        path("admin/", admin.site.urls),
        path("feeds/changes/", ChangesFeed(), name="feed-changes"),
        path("feeds/standards/", StandardsFeed(), name="feed-standards"),
        path("", include("curation.urls")),
        path("", include((site_patterns, "website"))),
        path("", include((catalogue_patterns, "catalogue"))),
        path("", include((policy_patterns, "policies"))),
        prefix_default_language=False,
    ),
]

handler404 = "website.errors.not_found"
handler500 = "website.errors.server_error"
