"""Pages people browse: thin views over the ``discovery`` read models."""

from django.http import Http404
from django.shortcuts import redirect, render

from catalogue.models import StandardSlugAlias
from discovery.browse import policies as policy_pages
from discovery.browse.about import about_the_data
from discovery.browse.catalogue import committee_index, committee_page, home_overview, standard_page
from discovery.browse.glossary import glossary as glossary_sections
from discovery.compare import jurisdiction_comparison
from discovery.coverage import jurisdiction_coverage, stage_coverage
from discovery.facets import standard_search
from discovery.policy_selectors import objective_list
from policies.models import Jurisdiction


def home(request):
    return render(request, "website/home.html", {"home": home_overview()})


def coverage(request):
    by_stage = stage_coverage(request.GET)
    context = {"coverage": by_stage, "by_jurisdiction": jurisdiction_coverage()}
    status = 400 if by_stage.filterset.errors else 200
    return render(request, "website/coverage.html", context, status=status)


def compare(request):
    comparison = jurisdiction_comparison(request.GET)
    status = 200 if comparison.is_valid else 400
    return render(request, "website/compare.html", {"comparison": comparison}, status=status)


def glossary(request):
    return render(request, "website/glossary.html", {"sections": glossary_sections()})


def about(request):
    return render(request, "website/about.html", {"about": about_the_data()})


def standard_list(request):
    search = standard_search(request.GET)
    status = 200 if search.is_valid else 400
    return render(request, "catalogue/standard_list.html", {"search": search}, status=status)


def standard_detail(request, slug):
    try:
        page = standard_page(slug)
    except Http404:
        # A draft's address keeps working after ISO publishes it under a new reference.
        moved = StandardSlugAlias.objects.public_standard(slug)
        if moved is None:
            raise
        return redirect(moved, permanent=True)
    return render(request, "catalogue/standard_detail.html", {"page": page})


def committee_list(request):
    return render(request, "catalogue/committee_list.html", {"rows": committee_index()})


def committee_detail(request, slug):
    return render(request, "catalogue/committee_detail.html", {"page": committee_page(slug)})


def objective_list_page(request):
    return render(request, "policies/objective_list.html", {"objectives": objective_list()})


def objective_detail(request, code):
    return render(
        request, "policies/objective_detail.html", {"page": policy_pages.objective_page(code)}
    )


def instrument_list(request):
    return render(
        request, "policies/instrument_list.html", {"groups": policy_pages.instrument_index()}
    )


def instrument_detail(request, slug):
    page = policy_pages.instrument_page(slug)
    context = {"page": page, "instrument": page.instrument}
    return render(request, "policies/instrument_detail.html", context)


def jurisdiction_list(request):
    """The index; ``?code=DE`` (the picker, which works without JavaScript) goes to DE's page."""
    code = request.GET.get("code", "")
    if code and Jurisdiction.objects.filter(code=code).exists():
        return redirect("policies:jurisdiction-detail", code=code)
    context = {"index": policy_pages.jurisdiction_index(), "unknown_code": code}
    return render(request, "policies/jurisdiction_list.html", context, status=400 if code else 200)


def jurisdiction_detail(request, code):
    page = policy_pages.jurisdiction_page(code)
    return render(request, "policies/jurisdiction_detail.html", {"page": page})
