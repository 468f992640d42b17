"""The curation queue: staff see proposed links with their evidence and review each."""

from django import forms
from django.contrib import messages
from django.contrib.admin.views.decorators import staff_member_required
from django.core.exceptions import ObjectDoesNotExist, PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from mappings.curation import get_link, proposed_links
from mappings.kinds import BY_NAME
from mappings.services import TRANSITIONS, mapping_review


@staff_member_required
def curation_queue(request):
    return render(request, "curation/curation_queue.html", {"items": proposed_links(request.user)})


class ReviewForm(forms.Form):
    action = forms.ChoiceField(choices=[(action, action) for action in TRANSITIONS])
    comment = forms.CharField(max_length=2000, required=False)


@staff_member_required
@require_POST
def curation_review(request, kind: str, pk: int):
    if kind not in BY_NAME:
        raise Http404(_("Unknown kind of link."))
    try:
        link = get_link(kind, pk)
    except ObjectDoesNotExist as error:
        raise Http404(_("No such link.")) from error
    form = ReviewForm(request.POST)
    if not form.is_valid():
        if "action" in form.errors:
            messages.error(request, _("Choose approve, reject or withdraw."))
        else:
            errors = " ".join(form.errors.get("comment", []))
            messages.error(request, _("The comment: %(errors)s") % {"errors": errors})
        return redirect("curation:curation-queue")
    action = form.cleaned_data["action"]
    try:
        mapping_review(
            link=link, action=action, user=request.user, comment=form.cleaned_data["comment"]
        )
    except (PermissionDenied, ValidationError) as error:
        messages.error(request, f"{link}: {' '.join(getattr(error, 'messages', [str(error)]))}")
    else:
        messages.success(
            request, _("%(link)s: done (%(action)s).") % {"link": link, "action": action}
        )
    return redirect("curation:curation-queue")
