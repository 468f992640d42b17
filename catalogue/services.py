"""Writes for national adoptions, which only the adopting body's curators may make."""

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.utils.translation import gettext as _

from catalogue.models import NationalAdoption, StandardsBody
from core.services.entries import entry_create, entry_update


def adoption_can_edit(user, body: StandardsBody) -> bool:
    """National adoptions are edited by the adopting body's curators (and superusers)."""
    if user is None or user.is_superuser:
        return True
    return body.curators.filter(pk=user.pk).exists()


def adoption_check_body(user, body: StandardsBody) -> None:
    if not adoption_can_edit(user, body):
        raise PermissionDenied(
            _("Only curators of %(body)s may record or change its national adoptions.")
            % {"body": body.acronym}
        )


@transaction.atomic
def adoption_create(*, user=None, data: dict, reason: str = "") -> NationalAdoption:
    adoption_check_body(user, data["body"])
    return entry_create(model=NationalAdoption, user=user, data=data, reason=reason)


@transaction.atomic
def adoption_update(
    *, adoption: NationalAdoption, user=None, data: dict, reason: str = ""
) -> NationalAdoption:
    adoption_check_body(user, adoption.body)
    if "body" in data:
        adoption_check_body(user, data["body"])
    return entry_update(instance=adoption, user=user, data=data, reason=reason)
