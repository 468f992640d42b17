"""Pages for standards and committees: thin views over ``browse`` and ``facets``."""

from django.shortcuts import render

from catalogue.browse import committee_index, committee_page, standard_page
from catalogue.facets import standard_search


def standard_list(request):
    search = standard_search(request.GET)
    status = 200 if search.is_valid else 400
    return render(request, "catalogue/standard_list.html", {"search": search}, status=status)


def standard_detail(request, slug):
    return render(request, "catalogue/standard_detail.html", {"page": standard_page(slug)})


def committee_list(request):
    return render(request, "catalogue/committee_list.html", {"rows": committee_index()})


def committee_detail(request, slug):
    return render(request, "catalogue/committee_detail.html", {"page": committee_page(slug)})
