"""Give a user the Curator or Reviewer role, and optionally make them a standards body's
curator: ``manage.py grant_role alice curator --body BSI``; ``--revoke`` takes it back."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from catalogue.models import StandardsBody
from core.roles import ROLES


class Command(BaseCommand):
    help = (
        "Give USER the curator or reviewer role (staff access to the admin and the curation "
        "queue); --body ACRONYM also lets them record that standards body's national "
        "adoptions. --revoke takes the role (or only the body, with --body) back."
    )

    def add_arguments(self, parser):
        parser.add_argument("username", metavar="USER")
        parser.add_argument("role", metavar="ROLE", help=f"one of: {', '.join(ROLES)}")
        parser.add_argument(
            "--body",
            metavar="ACRONYM",
            action="append",
            default=[],
            help="a standards body (BSI, DIN …) whose adoptions the user may curate; repeatable",
        )
        parser.add_argument("--revoke", action="store_true", help="take the role back")

    @transaction.atomic
    def handle(self, *args, username, role, body, revoke, **options):
        user = self._user(username)
        group = self._group(role)
        bodies = [self._body(acronym) for acronym in body]
        if revoke:
            return self._revoke(user, group, bodies)
        user.groups.add(group)
        if not user.is_staff:
            user.is_staff = True
            user.save(update_fields=["is_staff"])
        for standards_body in bodies:
            standards_body.curators.add(user)
        extra = f" and curator of {', '.join(b.acronym for b in bodies)}" if bodies else ""
        self.stdout.write(self.style.SUCCESS(f"{user.get_username()} is now {group.name}{extra}."))

    def _revoke(self, user, group, bodies):
        if bodies:
            for standards_body in bodies:
                standards_body.curators.remove(user)
            names = ", ".join(b.acronym for b in bodies)
            self.stdout.write(
                self.style.SUCCESS(f"{user.get_username()} no longer curates {names}.")
            )
            return
        user.groups.remove(group)
        self.stdout.write(self.style.SUCCESS(f"{user.get_username()} is no longer {group.name}."))

    def _user(self, username):
        User = get_user_model()
        user = User.objects.filter(**{User.USERNAME_FIELD: username}).first()
        if user is None:
            raise CommandError(
                f"No user '{username}'. Create one first: manage.py createsuperuser, or in the "
                "admin (Users)."
            )
        return user

    def _group(self, role):
        name = ROLES.get(role.lower())
        if name is None:
            raise CommandError(f"Unknown role '{role}'. Allowed: {', '.join(ROLES)}.")
        group = Group.objects.filter(name=name).first()
        if group is None:
            raise CommandError(f"The {name} group is missing; run manage.py migrate first.")
        return group

    def _body(self, acronym):
        body = StandardsBody.objects.filter(acronym__iexact=acronym).first()
        if body is None:
            known = ", ".join(
                StandardsBody.objects.order_by("acronym").values_list("acronym", flat=True)
            )
            raise CommandError(
                f"Unknown standards body '{acronym}'. "
                f"Allowed: {known or 'none yet (add one in the admin)'}."
            )
        return body
