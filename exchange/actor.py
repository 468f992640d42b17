"""Who a write command acts as: ``--user NAME`` (that user's permissions and review rules,
recorded in history) or an explicit ``--system`` (full authority, recorded in history as a
system operation). Without either a write command refuses to run."""

from django.contrib.auth import get_user_model
from django.core.management.base import CommandError


def add_actor_arguments(parser) -> None:
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "--user",
        metavar="NAME",
        help="Act as this user: their permissions and review rules apply, history names them.",
    )
    group.add_argument(
        "--system",
        action="store_true",
        help="Act as a system operation with full authority (recorded as such in history).",
    )


def resolve_actor(*, user: str | None, system: bool):
    """Return the user to act as, or None for an explicit system operation."""
    if system:
        return None
    if not user:
        raise CommandError(
            "Say who is writing: --user NAME (that user's permissions and review rules apply) "
            "or --system (a system operation with full authority, recorded in history)."
        )
    model = get_user_model()
    try:
        found = model._default_manager.get(**{model.USERNAME_FIELD: user})
    except model.DoesNotExist as error:
        raise CommandError(f"No user named {user!r}.") from error
    if not found.is_active:
        raise CommandError(f"The user {user!r} is not active.")
    return found
