"""The curation queue: staff propose links, and review proposed links and entries (new
standards, instruments and provisions) with their evidence."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.db import IntegrityError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from core.services.entries import entry_review
from curation.forms import ProposeLinkForm, ReviewForm
from curation.selectors import ENTRY_MODELS, queue_items
from mappings.curation import get_link
from mappings.kinds import BY_NAME, LINK_KINDS
from mappings.services import LinkExists, mapping_propose, mapping_review


def _can_propose(user) -> bool:
    return any(user.has_perm(kind.permission("add")) for kind in LINK_KINDS)


def _queue(request, form=None, status=200):
    can_propose = _can_propose(request.user)
    context = {
        **queue_items(request.user),
        "can_propose": can_propose,
        "form": (form or ProposeLinkForm()) if can_propose else None,
    }
    return render(request, "curation/curation_queue.html", context, status=status)


@staff_member_required
def curation_queue(request):
    return _queue(request)


def _messages_of(error) -> str:
    return " ".join(getattr(error, "messages", [str(error)]))


@staff_member_required
@require_POST
def curation_propose(request):
    """Propose a link through ``mapping_propose``, the service the API calls."""
    form = ProposeLinkForm(request.POST)
    if not form.is_valid():
        return _queue(request, form, status=400)
    data = form.cleaned_data
    try:
        link = mapping_propose(
            model=data["model"],
            user=request.user,
            standard=data["standard"],
            **data["target_fields"],
            relationship=data["relationship"],
            source=data["source"],
            locator=data["locator"],
            confidence=data["confidence"],
            rationale=data["rationale"],
        )
    except ValidationError as error:
        for field, errors in getattr(error, "message_dict", {"__all__": error.messages}).items():
            form.add_error(field if field in form.fields else None, errors)
        return _queue(request, form, status=400)
    except PermissionDenied as error:
        form.add_error(None, _messages_of(error))
        return _queue(request, form, status=403)
    except LinkExists as exists:
        form.add_error(None, exists.message)
        return _queue(request, form, status=400)
    except IntegrityError:
        form.add_error(None, _("This link was proposed already (just now, by someone else)."))
        return _queue(request, form, status=409)
    messages.success(
        request,
        _("Proposed: %(link)s. It becomes public when another reviewer approves it.")
        % {"link": link},
    )
    return redirect("curation:curation-queue")


def _review_form(request):
    form = ReviewForm(request.POST)
    if form.is_valid():
        return form.cleaned_data["action"], form.cleaned_data["comment"]
    if "action" in form.errors:
        messages.error(request, _("Choose approve, reject or withdraw."))
    else:
        errors = " ".join(form.errors.get("comment", []))
        messages.error(request, _("The comment: %(errors)s") % {"errors": errors})
    return None, None


def _reviewed(request, item, review, action, comment):
    try:
        review(action, comment)
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, f"{item}: {_messages_of(error)}")
    else:
        messages.success(
            request, _("%(item)s: done (%(action)s).") % {"item": item, "action": action}
        )
    return redirect("curation:curation-queue")


@staff_member_required
@require_POST
def curation_review(request, kind: str, pk: int):
    if kind not in BY_NAME:
        raise Http404(_("Unknown kind of link."))
    try:
        link = get_link(kind, pk)
    except ObjectDoesNotExist as error:
        raise Http404(_("No such link.")) from error
    action, comment = _review_form(request)
    if action is None:
        return redirect("curation:curation-queue")
    return _reviewed(
        request,
        link,
        lambda action, comment: mapping_review(
            link=link, action=action, user=request.user, comment=comment
        ),
        action,
        comment,
    )


@staff_member_required
@require_POST
def curation_review_entry(request, kind: str, pk: int):
    model = ENTRY_MODELS.get(kind)
    if model is None:
        raise Http404(_("Unknown kind of entry."))
    entry = model.objects.filter(pk=pk).first()
    if entry is None:
        raise Http404(_("No such entry."))
    action, comment = _review_form(request)
    if action is None:
        return redirect("curation:curation-queue")
    return _reviewed(
        request,
        entry,
        lambda action, comment: entry_review(
            instance=entry, action=action, user=request.user, comment=comment
        ),
        action,
        comment,
    )
