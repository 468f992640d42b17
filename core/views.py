"""The home page, the coverage matrices and the page about the data."""

from django.shortcuts import render

from catalogue.browse import home_overview
from catalogue.coverage import jurisdiction_coverage, stage_coverage
from core.selectors import about_the_data


def home(request):
    return render(request, "core/home.html", {"home": home_overview()})


def coverage(request):
    by_stage = stage_coverage(request.GET)
    context = {"coverage": by_stage, "by_jurisdiction": jurisdiction_coverage()}
    status = 400 if by_stage.filterset.errors else 200
    return render(request, "core/coverage.html", context, status=status)


def about(request):
    return render(request, "core/about.html", {"about": about_the_data()})
