from django.contrib import admin
from django.urls import include, path

from core.feeds import ChangesFeed, StandardsFeed

urlpatterns = [
    path("admin/", admin.site.urls),
    path("api/", include("config.api_urls")),
    path("feeds/changes/", ChangesFeed(), name="feed-changes"),
    path("feeds/standards/", StandardsFeed(), name="feed-standards"),
    path("", include("mappings.urls")),
    path("", include("core.urls")),
    path("", include("catalogue.urls")),
    path("", include("policies.urls")),
]

handler404 = "core.errors.not_found"
handler500 = "core.errors.server_error"
