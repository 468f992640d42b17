"""Technical models (login attempts, API tokens, history internals) in the admin: shown to
superusers only, whatever permissions a curator's role gives."""

from django.contrib import admin

TECHNICAL_APPS = {"axes", "authtoken"}


class SuperuserOnlyMixin:
    def has_module_permission(self, request):
        return _superuser(request)

    def has_view_permission(self, request, obj=None):
        return _superuser(request) and super().has_view_permission(request, obj)

    def has_add_permission(self, request, *args):
        return _superuser(request) and super().has_add_permission(request, *args)

    def has_change_permission(self, request, obj=None):
        return _superuser(request) and super().has_change_permission(request, obj)

    def has_delete_permission(self, request, obj=None):
        return _superuser(request) and super().has_delete_permission(request, obj)


def _superuser(request) -> bool:
    return request.user.is_active and request.user.is_superuser


def is_technical(model) -> bool:
    return model._meta.app_label in TECHNICAL_APPS or model.__name__.startswith("Historical")


def restrict_technical_models(site: admin.AdminSite) -> None:
    """Re-register every technical model's admin with a superuser-only subclass."""
    for model, model_admin in list(site._registry.items()):
        if not is_technical(model) or isinstance(model_admin, SuperuserOnlyMixin):
            continue
        restricted = type(
            f"SuperuserOnly{type(model_admin).__name__}",
            (SuperuserOnlyMixin, type(model_admin)),
            {"__module__": __name__},
        )
        site.unregister(model)
        site.register(model, restricted)


# Axes and the token app come before curation in INSTALLED_APPS: their admins exist by now.
restrict_technical_models(admin.site)
