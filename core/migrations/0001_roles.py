from django.contrib.auth.management import create_permissions
from django.db import migrations

# Frozen copy of core.roles as of this migration; later changes need a new migration.
ROLE_PERMISSIONS = {
    "Curator": {
        "catalogue": [
            "add_standard",
            "change_standard",
            "view_standard",
            "add_series",
            "change_series",
            "view_series",
            "add_committee",
            "change_committee",
            "view_committee",
            "add_standardrelation",
            "change_standardrelation",
            "view_standardrelation",
            "add_nationaladoption",
            "change_nationaladoption",
            "view_nationaladoption",
            "view_standardsbody",
            "view_sector",
            "view_lifecyclestage",
        ],
        "policies": [
            "add_policyinstrument",
            "change_policyinstrument",
            "view_policyinstrument",
            "add_provision",
            "change_provision",
            "view_provision",
            "add_institution",
            "change_institution",
            "view_institution",
            "view_jurisdiction",
            "view_blocmembership",
            "view_objective",
        ],
        "mappings": [
            "add_standardobjectivelink",
            "view_standardobjectivelink",
            "add_standardprovisionlink",
            "view_standardprovisionlink",
            "add_standardlifecyclelink",
            "view_standardlifecyclelink",
        ],
    },
    "Reviewer": {
        "catalogue": ["view_standard", "view_series", "view_committee", "view_lifecyclestage"],
        "policies": ["view_policyinstrument", "view_provision", "view_objective"],
        "mappings": [
            "view_standardobjectivelink",
            "change_standardobjectivelink",
            "review_standardobjectivelink",
            "view_standardprovisionlink",
            "change_standardprovisionlink",
            "review_standardprovisionlink",
            "view_standardlifecyclelink",
            "change_standardlifecyclelink",
            "review_standardlifecyclelink",
        ],
    },
}


def create_roles(apps, schema_editor):
    # Permissions are normally created after all migrations; make sure they exist now.
    for app_config in apps.get_app_configs():
        app_config.models_module = True
        create_permissions(app_config, apps=apps, verbosity=0)
        app_config.models_module = None
    Group = apps.get_model("auth", "Group")
    Permission = apps.get_model("auth", "Permission")
    for role, by_app in ROLE_PERMISSIONS.items():
        group, _ = Group.objects.get_or_create(name=role)
        for app_label, codenames in by_app.items():
            permissions = Permission.objects.filter(
                content_type__app_label=app_label, codename__in=codenames
            )
            missing = set(codenames) - set(permissions.values_list("codename", flat=True))
            if missing:
                raise RuntimeError(f"Missing permissions for {role}: {sorted(missing)}")
            group.permissions.add(*permissions)


def remove_roles(apps, schema_editor):
    apps.get_model("auth", "Group").objects.filter(name__in=list(ROLE_PERMISSIONS)).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("auth", "0012_alter_user_first_name_max_length"),
        ("contenttypes", "0002_remove_content_type_name"),
        ("catalogue", "0002_history_and_curation"),
        ("policies", "0002_history_and_curation"),
        ("mappings", "0002_history_and_curation"),
    ]

    operations = [migrations.RunPython(create_roles, remove_roles)]
