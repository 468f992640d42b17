from django.contrib import admin
from django.urls import include, path

from website.feeds import ChangesFeed, StandardsFeed
from website.urls import catalogue_patterns, policy_patterns, site_patterns

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("api.urls")),
    path("feeds/changes/", ChangesFeed(), name="feed-changes"),
    path("feeds/standards/", StandardsFeed(), name="feed-standards"),
    path("", include("curation.urls")),
    path("", include((site_patterns, "website"))),
    path("", include((catalogue_patterns, "catalogue"))),
    path("", include((policy_patterns, "policies"))),
]

handler404 = "website.errors.not_found"
handler500 = "website.errors.server_error"
