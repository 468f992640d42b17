"""Writes through the API: token (scripts) or session (browser) authentication, the same
services as the admin and the imports, and optimistic concurrency.

- Anonymous writes get 401; an authenticated user without the model permission gets 403.
- PUT, PATCH and DELETE must send ``If-Match`` with the ETag of the detail they read: a
  missing one gets 428, a stale one 412, and the stored record is unchanged.
- A delete refused because other rows link to the record gets 409 naming them.
- A create or change that would duplicate a unique value gets 409 naming the field, also
  when two requests race and the database's constraint is what refuses the second.
- Tokens are sent as ``Authorization: Bearer <key>`` (what generated clients send) or
  ``Authorization: Token <key>`` (DRF's spelling); both are read.
"""

from django.core.exceptions import NON_FIELD_ERRORS
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import IntegrityError, transaction
from django.utils.http import parse_etags
from django.utils.translation import gettext_lazy as _
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import exceptions, renderers, status
from rest_framework.authentication import (
    SessionAuthentication,
    TokenAuthentication,
    get_authorization_header,
)
from rest_framework.response import Response

from core.api import body_etag
from core.permissions import ModelPermissionsOrReadOnly
from core.services.common import DeletionRefused


class PreconditionRequired(exceptions.APIException):
    status_code = 428
    default_detail = _(
        "Send If-Match with the ETag of the record you read, so that no one's change is lost."
    )
    default_code = "precondition_required"


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _(
        "The record changed since you read it (its ETag differs). Read it again, then retry."
    )
    default_code = "precondition_failed"


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_code = "conflict"


class BearerTokenAuthentication(TokenAuthentication):
    """DRF's token authentication, reading ``Bearer <key>`` as well as ``Token <key>``."""

    keywords = ("Bearer", "Token")

    def authenticate(self, request):
        parts = get_authorization_header(request).split()
        if not parts or parts[0].lower() not in {k.lower().encode() for k in self.keywords}:
            return None
        if len(parts) != 2:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: send “Authorization: Bearer <token>”.")
            )
        try:
            key = parts[1].decode()
        except UnicodeError as error:
            raise exceptions.AuthenticationFailed(
                _("Invalid token header: the token must not contain invalid characters.")
            ) from error
        return self.authenticate_credentials(key)

    def authenticate_header(self, request):
        return 'Bearer realm="api"'


class BearerTokenScheme(OpenApiAuthenticationExtension):
    """The token scheme as the server reads it, for the OpenAPI document."""

    target_class = BearerTokenAuthentication
    name = "bearerAuth"
    priority = 1

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": str(
                _(
                    "A curator's API token (admin, Auth Token; or manage.py drf_create_token): "
                    "Authorization: Bearer <token>. Authorization: Token <token> works too."
                )
            ),
        }


WRITE_AUTHENTICATION = [BearerTokenAuthentication, SessionAuthentication]

UNIQUE_CODES = {"unique", "unique_together"}
RACE_MESSAGE = _(
    "A record with these values was created by another request at the same moment; "
    "read it instead of creating it again."
)


def _codes(codes) -> set:
    if isinstance(codes, dict):
        return set().union(*(_codes(value) for value in codes.values())) if codes else set()
    if isinstance(codes, list | tuple):
        return set().union(*(_codes(value) for value in codes)) if codes else set()
    return {codes}


def _is_duplicate(error: DjangoValidationError) -> bool:
    if not hasattr(error, "error_dict"):
        return False
    codes = {item.code for items in error.error_dict.values() for item in items}
    return bool(codes) and codes <= UNIQUE_CODES


def as_api_error(error: DjangoValidationError) -> exceptions.APIException:
    """A model validation error as the API's error body: ``{"field": ["message"]}``.

    A duplicate of a unique value (and nothing else wrong) is a 409, not a 400.
    """
    if hasattr(error, "error_dict"):
        body = {
            ("non_field_errors" if field == NON_FIELD_ERRORS else field): messages
            for field, messages in error.message_dict.items()
        }
        return Conflict(body) if _is_duplicate(error) else exceptions.ValidationError(body)
    return exceptions.ValidationError({"non_field_errors": error.messages})


def validate_input(serializer) -> None:
    """``is_valid(raise_exception=True)``, with a duplicate unique value as a 409."""
    try:
        serializer.is_valid(raise_exception=True)
    except exceptions.ValidationError as error:
        codes = _codes(error.get_codes())
        if codes and codes <= UNIQUE_CODES:
            raise Conflict(error.detail) from error
        raise


class WritableMixin:
    """Create, update and delete for a ``CatalogueViewSet`` whose reads stay as they are.

    Subclasses set ``write_serializer_class`` (input) and implement ``perform_write_create``,
    ``perform_write_update`` and ``perform_write_delete`` with the services.
    """

    authentication_classes = WRITE_AUTHENTICATION
    permission_classes = [ModelPermissionsOrReadOnly]
    write_serializer_class = None

    # -- representation ---------------------------------------------------------------------
    # For every action but ``list``, the viewset's ``get_queryset`` and
    # ``get_serializer_class`` give the detail's: a write answers with what a GET shows.

    def detail_body(self, instance) -> tuple[dict, bytes]:
        fresh = self.get_queryset().get(pk=instance.pk)
        data = self.get_serializer_class()(fresh, context=self.get_serializer_context()).data
        body = renderers.JSONRenderer().render(
            data, "application/json", self.get_renderer_context()
        )
        return data, body

    def detail_response(self, instance, status_code=status.HTTP_200_OK) -> Response:
        data, body = self.detail_body(instance)
        return Response(data, status=status_code, headers={"ETag": body_etag(body)})

    # -- preconditions ----------------------------------------------------------------------

    def check_if_match(self, request, instance) -> None:
        header = request.headers.get("If-Match")
        if not header:
            raise PreconditionRequired()
        _data, body = self.detail_body(instance)
        current = body_etag(body)
        offered = parse_etags(header)
        if "*" not in offered and current not in offered:
            raise PreconditionFailed()

    def locked_object(self):
        """The record under the URL, locked for this transaction, read fresh."""
        instance = self.get_object()
        model = type(instance)
        model.objects.select_for_update().filter(pk=instance.pk).exists()
        return self.get_object()

    # -- actions ----------------------------------------------------------------------------

    def create(self, request, *args, **kwargs):
        serializer = self.write_serializer_class(
            data=request.data, context=self.get_serializer_context()
        )
        validate_input(serializer)
        try:
            with transaction.atomic():
                instance = self.perform_write_create(serializer.validated_data)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        except IntegrityError as error:
            # Validation passed, then a racing request committed the same unique value.
            raise Conflict({"detail": RACE_MESSAGE}) from error
        response = self.detail_response(instance, status.HTTP_201_CREATED)
        response["Location"] = self.reverse_action(
            "detail", kwargs={self.lookup_field: getattr(instance, self.lookup_field)}
        )
        return response

    def update(self, request, *args, **kwargs):
        partial = kwargs.pop("partial", False)
        try:
            with transaction.atomic():
                instance = self.locked_object()
                self.check_if_match(request, instance)
                serializer = self.write_serializer_class(
                    instance,
                    data=request.data,
                    partial=partial,
                    context=self.get_serializer_context(),
                )
                validate_input(serializer)
                instance = self.perform_write_update(instance, serializer.validated_data)
        except DjangoValidationError as error:
            raise as_api_error(error) from error
        except IntegrityError as error:
            raise Conflict({"detail": RACE_MESSAGE}) from error
        return self.detail_response(instance)

    def partial_update(self, request, *args, **kwargs):
        return self.update(request, *args, partial=True, **kwargs)

    def destroy(self, request, *args, **kwargs):
        with transaction.atomic():
            instance = self.locked_object()
            self.check_if_match(request, instance)
            try:
                self.perform_write_delete(instance)
            except DeletionRefused as refused:
                raise Conflict(
                    {
                        "detail": refused.message,
                        "linked": sorted({str(row) for row in refused.blockers}),
                    }
                ) from refused
        return Response(status=status.HTTP_204_NO_CONTENT)
