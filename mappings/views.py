"""The curation queue: staff see proposed links with their evidence and review each."""

from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mappings.curation import get_link, proposed_links
from mappings.services import LINK_MODELS, TRANSITIONS, mapping_review


@staff_member_required
def curation_queue(request):
    return render(request, "mappings/curation_queue.html", {"items": proposed_links(request.user)})


@staff_member_required
@require_POST
def curation_review(request, kind: str, pk: int):
    action = request.POST.get("action", "")
    if kind not in LINK_MODELS:
        raise Http404(_("Unknown kind of link."))
    try:
        link = get_link(kind, pk)
    except ObjectDoesNotExist as error:
        raise Http404(_("No such link.")) from error
    if action not in TRANSITIONS:
        messages.error(request, _("Choose approve, reject or withdraw."))
        return redirect("mappings:curation-queue")
    try:
        mapping_review(
            link=link,
            action=action,
            user=request.user,
            comment=request.POST.get("comment", "")[:2000],
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, f"{link}: {' '.join(getattr(error, 'messages', [str(error)]))}")
    else:
        messages.success(
            request, _("%(link)s: done (%(action)s).") % {"link": link, "action": action}
        )
    return redirect("mappings:curation-queue")
