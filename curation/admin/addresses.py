"""Previous addresses of standards (kept by the ISO Open Data import): read-only, so that a
curator can see why an old address redirects, and delete one that should not."""

from django.contrib import admin

from catalogue.models import StandardSlugAlias


@admin.register(StandardSlugAlias)
class StandardSlugAliasAdmin(admin.ModelAdmin):
    list_display = ["slug", "standard", "created_at"]
    search_fields = ["slug", "standard__reference"]
    list_select_related = ["standard"]
    readonly_fields = ["slug", "standard", "created_at"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False
