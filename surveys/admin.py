"""Staff side: polls, and survey/rating results per site and over a subtree, with exports."""

from __future__ import annotations

from datetime import timedelta

from django import forms
from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from modeltranslation.admin import TranslationAdmin, TranslationTabularInline

from tenants.admin_scoping import TenantScopedAdmin, TenantScopedInline
from tenants.models import Tenant

from . import exports
from .models import PageRating, Poll, PollOption, SatisfactionResponse
from .results import columns, poll_results, results_by_site, rollup


class ReadOnlyResultsAdmin(TenantScopedAdmin):
    """Anonymous answers are evidence: staff read them, nobody edits them."""

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return request.user.is_superuser


class ResultsForm(forms.Form):
    tenant = forms.ModelChoiceField(label=gettext_lazy("Đơn vị"), queryset=Tenant.objects.none())
    subtree = forms.BooleanField(
        label=gettext_lazy("Gồm các đơn vị cấp dưới (tổng hợp)"), required=False
    )
    start = forms.DateField(
        label=gettext_lazy("Từ ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )
    end = forms.DateField(
        label=gettext_lazy("Đến ngày"), widget=forms.DateInput(attrs={"type": "date"})
    )

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("start") and cleaned.get("end") and cleaned["start"] > cleaned["end"]:
            raise forms.ValidationError(_("“Từ ngày” phải trước “Đến ngày”."))
        return cleaned


@admin.register(SatisfactionResponse)
class SatisfactionResponseAdmin(ReadOnlyResultsAdmin):
    list_display = (
        "created_at",
        "tenant",
        "interface",
        "content",
        "quality",
        "interaction",
        "support",
    )
    list_filter = ("interface", "content", "quality", "interaction", "support")
    date_hierarchy = "created_at"
    exclude = ("visitor_hash",)
    change_list_template = "admin/surveys/satisfactionresponse/change_list.html"

    def get_urls(self):
        results = self.admin_site.admin_view(self.results_view)
        return [path("ket-qua/", results, name="surveys_results"), *super().get_urls()]

    def results_view(self, request: HttpRequest) -> HttpResponse:
        if not self.has_view_permission(request):
            raise PermissionDenied
        readable = self.readable_ids(request)
        tenants = (
            Tenant.objects.all() if readable is None else Tenant.objects.filter(pk__in=readable)
        )
        today = timezone.localdate()
        form = ResultsForm(
            request.GET or None,
            initial={"start": today - timedelta(days=30), "end": today, "subtree": True},
        )
        form.fields["tenant"].queryset = tenants.order_by("tree_id", "lft")
        rows, total = [], None
        if form.is_valid():
            root = form.cleaned_data["tenant"]
            sites = (
                list(root.get_descendants(include_self=True))
                if form.cleaned_data["subtree"]
                else [root]
            )
            if readable is not None:
                sites = [t for t in sites if t.pk in readable]
            rows = results_by_site(sites, form.cleaned_data["start"], form.cleaned_data["end"])
            total = rollup(rows, _("Tổng cộng"))
            wanted = request.GET.get("xuat")
            if wanted in ("csv", "xlsx"):
                return self._export(wanted, rows, total, form.cleaned_data)
        context = {
            **self.admin_site.each_context(request),
            "title": _("Kết quả khảo sát và đánh giá"),
            "form": form,
            "rows": [
                (row, [f"{row.counts.get(key, 0)} ({row.percent(key)}%)" for key, _l in columns()])
                for row in ([*rows, total] if total else [])
            ],
            "total": total,
            "columns": columns(),
            "opts": self.model._meta,
            "query": request.GET.urlencode(),
        }
        return TemplateResponse(request, "admin/surveys/results.html", context)

    def _export(self, kind: str, rows, total, data) -> HttpResponse:
        table = exports.table(rows, total)
        name = f"khao-sat-{data['tenant'].slug}-{data['start']:%Y%m%d}-{data['end']:%Y%m%d}"
        if kind == "csv":
            response = HttpResponse(exports.to_csv(table), content_type="text/csv; charset=utf-8")
        else:
            response = HttpResponse(
                exports.to_xlsx(table),
                content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            )
        response["Content-Disposition"] = f'attachment; filename="{name}.{kind}"'
        return response

    def changelist_view(self, request, extra_context=None):
        extra = {"results_url": reverse("admin:surveys_results"), **(extra_context or {})}
        return super().changelist_view(request, extra)


@admin.register(PageRating)
class PageRatingAdmin(ReadOnlyResultsAdmin):
    list_display = ("created_at", "tenant", "path", "useful", "comment")
    list_filter = ("useful",)
    search_fields = ("path",)
    date_hierarchy = "created_at"
    exclude = ("visitor_hash",)


class PollOptionInline(TenantScopedInline, TranslationTabularInline):
    model = PollOption
    extra = 3


@admin.register(Poll)
class PollAdmin(TenantScopedAdmin, TranslationAdmin):
    list_display = ("question", "tenant", "is_published", "closes_at", "votes")
    inlines = [PollOptionInline]
    readonly_fields = ("results",)

    @admin.display(description=gettext_lazy("Số ý kiến"))
    def votes(self, obj: Poll) -> int:
        return obj.votes.count()

    @admin.display(description=gettext_lazy("Kết quả"))
    def results(self, obj: Poll) -> str:
        if obj.pk is None:
            return "—"
        total, rows = poll_results(obj)
        parts = [f"{text}: {votes} ({percent:.1f}%)" for text, votes, percent in rows]
        return "; ".join(parts) + f" — {_('tổng')} {total}"
