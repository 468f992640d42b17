"""Pages for objectives, instruments and jurisdictions: thin views over ``browse``."""

from django.shortcuts import redirect, render

from policies import browse
from policies.models import Jurisdiction
from policies.selectors import objective_list


def objective_list_page(request):
    return render(request, "policies/objective_list.html", {"objectives": objective_list()})


def objective_detail(request, code):
    return render(request, "policies/objective_detail.html", {"page": browse.objective_page(code)})


def instrument_list(request):
    return render(request, "policies/instrument_list.html", {"groups": browse.instrument_index()})


def instrument_detail(request, slug):
    instrument = browse.instrument_page(slug)
    return render(request, "policies/instrument_detail.html", {"instrument": instrument})


def jurisdiction_list(request):
    """The index; ``?code=DE`` (the picker, which works without JavaScript) goes to DE's page."""
    code = request.GET.get("code", "")
    if code and Jurisdiction.objects.filter(code=code).exists():
        return redirect("policies:jurisdiction-detail", code=code)
    context = {"index": browse.jurisdiction_index(), "unknown_code": code}
    return render(request, "policies/jurisdiction_list.html", context, status=400 if code else 200)


def jurisdiction_detail(request, code):
    page = browse.jurisdiction_page(code)
    return render(request, "policies/jurisdiction_detail.html", {"page": page})
