from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen: what this migration gives the Reviewer role (see core.roles).
ADDED = {
    "Reviewer": {
        "catalogue": ["review_standard"],
        "policies": ["review_policyinstrument", "review_provision"],
    },
}


def add_review_permissions(apps, schema_editor):
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in ADDED.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codenames in by_app.items():
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = set(codenames) - set(permissions.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Missing permissions for {role}: {sorted(missing)}")
            group.permissions.add(*permissions)


def remove_review_permissions(apps, schema_editor):
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in ADDED.items():
        for group in Group.objects.filter(name=role):
            for app_label, codenames in by_app.items():
                group.permissions.remove(
                    *Permission.objects.filter(
                        content_type__app_label=app_label, codename__in=codenames
                    )
                )


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0002_catalogue_version"),
        ("catalogue", "0008_standard_review"),
        ("policies", "0004_instrument_provision_review"),
    ]

    operations = [migrations.RunPython(add_review_permissions, remove_review_permissions)]
