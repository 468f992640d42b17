"""Admin plumbing shared by the apps: CSV import (with a dry run first) and export."""

import io

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from exchange.csv_io import KINDS, RowError, csv_export, csv_import, decode

MAX_UPLOAD_BYTES = 10 * 1024 * 1024
# Links typed without a scheme are https (Django 6's default; 5.2 assumes http).
URL_FIELDS_HTTPS = {models.URLField: {"assume_scheme": "https"}}


class CsvUploadForm(forms.Form):
    file = forms.FileField(label=_("CSV file (UTF-8)"))

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > MAX_UPLOAD_BYTES:
            raise forms.ValidationError(_("The file is larger than 10 MB; split it."))
        try:
            return decode(upload.read())
        except RowError as error:
            raise forms.ValidationError(str(error)) from error


class CsvApplyForm(forms.Form):
    text = forms.CharField(widget=forms.HiddenInput, strip=False)


class CsvImportExportMixin:
    """Adds "Import CSV" (dry run, then apply) and "Export CSV" to a model's admin."""

    csv_kind: str = ""
    change_list_template = "admin/csv_change_list.html"

    def get_urls(self):
        info = self.model._meta.app_label, self.model._meta.model_name
        return [
            path(
                "import-csv/",
                self.admin_site.admin_view(self.import_csv_view),
                name="{}_{}_import_csv".format(*info),
            ),
            path(
                "export-csv/",
                self.admin_site.admin_view(self.export_csv_view),
                name="{}_{}_export_csv".format(*info),
            ),
            *super().get_urls(),
        ]

    def changelist_view(self, request, extra_context=None):
        info = self.model._meta.app_label, self.model._meta.model_name
        extra_context = {
            **(extra_context or {}),
            "csv_import_url": reverse("admin:{}_{}_import_csv".format(*info)),
            "csv_export_url": reverse("admin:{}_{}_export_csv".format(*info)),
            "csv_can_import": self.has_add_permission(request),
        }
        return super().changelist_view(request, extra_context)

    def export_csv_view(self, request):
        if not self.has_view_permission(request):
            raise PermissionDenied
        out = io.StringIO()
        # With a byte-order mark: curators open it in a spreadsheet, which needs one to read
        # UTF-8 (the import accepts files with or without).
        csv_export(kind=self.csv_kind, out=out, bom=True)
        response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
        response["Content-Disposition"] = f'attachment; filename="{self.csv_kind}.csv"'
        return response

    def import_csv_view(self, request):
        if not self.has_add_permission(request):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.model._meta,
            "title": _("Import %(kind)s from CSV") % {"kind": self.csv_kind},
            "columns": KINDS[self.csv_kind].columns,
            "form": CsvUploadForm(),
        }
        if request.method == "POST" and "apply" in request.POST:
            apply = CsvApplyForm(request.POST)
            if apply.is_valid():
                report = csv_import(
                    kind=self.csv_kind,
                    text=apply.cleaned_data["text"],
                    user=request.user,
                    dry_run=False,
                )
                if report.applied:
                    self.message_user(request, report.summary(), messages.SUCCESS)
                    info = self.model._meta.app_label, self.model._meta.model_name
                    return redirect("admin:{}_{}_changelist".format(*info))
                context["report"] = report
        elif request.method == "POST":
            form = CsvUploadForm(request.POST, request.FILES)
            context["form"] = form
            if form.is_valid():
                text = form.cleaned_data["file"]
                report = csv_import(kind=self.csv_kind, text=text, user=request.user, dry_run=True)
                context["report"] = report
                if not report.has_errors:
                    context["apply_form"] = CsvApplyForm(initial={"text": text})
        return TemplateResponse(request, "admin/csv_import.html", context)
