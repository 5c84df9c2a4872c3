"""The editorial board's merge screen (choose sources and target, preview, confirm) and the
list of lifecycle operations with their progress. The rules are in tenants/lifecycle/."""

from __future__ import annotations

from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from portal.admin_display import readable

from .access import ADMIN_ROLES, tenant_ids_for
from .admin_scoping import TenantScopedAdmin
from .lifecycle.context import LifecycleError
from .lifecycle.merge import merge_sites
from .lifecycle.plan import MergePlan, NewSite, plan_merge
from .lifecycle.site import move_site, retire_site
from .lifecycle.split import plan_split, split_site
from .models import OperationState, SiteOperation, Tenant, TenantKind


def lifecycle_site_ids(user) -> frozenset[int] | None:
    """Sites the user may merge (None: all): site administrators of them only."""
    return None if user.is_superuser else tenant_ids_for(user, ADMIN_ROLES)


def _lifecycle_sites(request, queryset):
    """The chosen sites the user may retire or move (site administrators, the province)."""
    site_ids = lifecycle_site_ids(request.user)
    return queryset if site_ids is None else queryset.filter(pk__in=site_ids)


@admin.action(description=gettext_lazy("Chuyển thành trang lưu trữ (chỉ đọc)"))
def archive_sites(modeladmin, request, queryset) -> None:
    for site in _lifecycle_sites(request, queryset):
        try:
            retire_site(site, by=request.user)
        except LifecycleError as exc:
            modeladmin.message_user(request, str(exc), messages.WARNING)
        else:
            modeladmin.message_user(
                request, _("%(name)s đã thành trang lưu trữ.") % {"name": site.name}
            )


class MoveForm(forms.Form):
    parent = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị cấp trên mới"), queryset=Tenant.objects.none()
    )

    def __init__(self, *args, site_ids: frozenset[int] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sites = Tenant.objects.filter(is_active=True, is_archived=False).order_by("tree_id", "lft")
        self.fields["parent"].queryset = (
            sites if site_ids is None else sites.filter(pk__in=site_ids)
        )


@admin.action(description=gettext_lazy("Chuyển sang đơn vị cấp trên khác"))
def move_sites(modeladmin, request, queryset):
    """Ask for the new parent (an intermediate page), then move each chosen site."""
    sites = list(_lifecycle_sites(request, queryset))
    form = MoveForm(
        request.POST if "apply" in request.POST else None,
        site_ids=lifecycle_site_ids(request.user),
    )
    if form.is_bound and form.is_valid():
        for site in sites:
            try:
                move_site(site, form.cleaned_data["parent"], by=request.user)
            except LifecycleError as exc:
                modeladmin.message_user(request, str(exc), messages.ERROR)
            else:
                modeladmin.message_user(
                    request,
                    _("Đã chuyển %(site)s vào %(parent)s.")
                    % {"site": site.name, "parent": form.cleaned_data["parent"].name},
                )
        return None
    context = {
        **modeladmin.admin_site.each_context(request),
        "title": _("Chuyển sang đơn vị cấp trên khác"),
        "opts": modeladmin.model._meta,
        "form": form,
        "sites": sites,
    }
    return TemplateResponse(request, "admin/tenants/tenant/move.html", context)


class MergeForm(forms.Form):
    sources = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Các đơn vị nguồn (sẽ thành trang lưu trữ)"),
        queryset=Tenant.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    target = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị đích có sẵn"), queryset=Tenant.objects.none(), required=False
    )
    new_name = forms.CharField(label=gettext_lazy("hoặc tên đơn vị mới"), required=False)
    new_slug = forms.SlugField(label=gettext_lazy("mã định danh đơn vị mới"), required=False)
    new_hostname = forms.CharField(label=gettext_lazy("tên miền đơn vị mới"), required=False)
    new_kind = forms.ChoiceField(
        label=gettext_lazy("loại đơn vị mới"), choices=TenantKind.choices, initial="commune"
    )
    new_parent = forms.ModelChoiceField(
        label=gettext_lazy("đơn vị cấp trên của đơn vị mới"),
        queryset=Tenant.objects.none(),
        required=False,
    )
    categories = forms.ChoiceField(
        label=gettext_lazy("Chuyên mục trùng đường dẫn"),
        choices=[
            ("merge", gettext_lazy("Gộp vào chuyên mục cùng đường dẫn của đơn vị đích")),
            ("rename", gettext_lazy("Giữ riêng, đặt đường dẫn mới")),
        ],
        initial="merge",
    )
    unfinished = forms.ChoiceField(
        label=gettext_lazy("Mục đang soạn hoặc chờ duyệt"),
        choices=[
            ("move", gettext_lazy("Chuyển sang, giữ nguyên trạng thái")),
            ("refuse", gettext_lazy("Không sáp nhập khi còn mục chưa xử lý xong")),
        ],
        initial="move",
    )

    def __init__(self, *args, site_ids: frozenset[int] | None, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        sites = Tenant.objects.filter(is_active=True).order_by("tree_id", "lft")
        if site_ids is not None:
            sites = sites.filter(pk__in=site_ids)
        for name in ("sources", "target", "new_parent"):
            self.fields[name].queryset = sites

    def clean(self) -> dict:
        data = super().clean()
        if not data.get("target") and not data.get("new_name"):
            raise forms.ValidationError(
                _("Chọn đơn vị đích có sẵn hoặc nhập tên, mã định danh và tên miền đơn vị mới.")
            )
        return data

    def destination(self) -> Tenant | NewSite:
        data = self.cleaned_data
        if data.get("target"):
            return data["target"]
        parent = data.get("new_parent")
        return NewSite(
            name=data["new_name"],
            slug=data.get("new_slug") or "",
            hostname=data.get("new_hostname") or "",
            kind=data["new_kind"],
            parent_id=parent.pk if parent else None,
        )

    def plan(self) -> MergePlan:
        return plan_merge(
            self.cleaned_data["sources"],
            self.destination(),
            categories=self.cleaned_data["categories"],
            unfinished=self.cleaned_data["unfinished"],
        )


class SplitForm(MergeForm):
    """The same destination fields as a merge; one source and the categories that leave it."""

    source = forms.ModelChoiceField(
        label=gettext_lazy("Đơn vị nguồn (vẫn hoạt động)"), queryset=Tenant.objects.none()
    )
    chosen = forms.ModelMultipleChoiceField(
        label=gettext_lazy("Chuyên mục tách sang đơn vị đích (cùng chuyên mục con và tin bài)"),
        queryset=Tenant.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 10}),
    )
    field_order = ["source", "chosen"]

    def __init__(self, *args, site_ids: frozenset[int] | None, **kwargs) -> None:
        super().__init__(*args, site_ids=site_ids, **kwargs)
        del self.fields["sources"], self.fields["categories"]
        from content.models import Category

        self.fields["source"].queryset = self.fields["target"].queryset
        chosen = Category.objects.select_related("tenant").order_by(
            "tenant__name", "tree_id", "lft"
        )
        if site_ids is not None:
            chosen = chosen.filter(tenant_id__in=site_ids)
        self.fields["chosen"].queryset = chosen
        self.fields["chosen"].label_from_instance = lambda c: f"{c.tenant.name} — {c.name}"

    def clean(self) -> dict:
        data = super().clean()
        source, chosen = data.get("source"), data.get("chosen") or []
        if source and any(category.tenant_id != source.pk for category in chosen):
            raise forms.ValidationError(_("Chỉ chọn chuyên mục của đơn vị nguồn."))
        return data

    def plan(self) -> MergePlan:
        return plan_split(
            self.cleaned_data["source"],
            self.destination(),
            categories=[category.pk for category in self.cleaned_data["chosen"]],
            unfinished=self.cleaned_data["unfinished"],
        )


def progress_lines(operation: SiteOperation) -> dict[str, str]:
    """The operation's progress as staff read it: per source site and kind of item, how
    many moved and whether that step is done; then the sites already retired."""
    names = {site.pk: site.name for site in operation.sources.all()}
    lines: dict[str, str] = {}
    steps = (operation.progress or {}).get("steps", {})
    empty = 0
    for key, step in sorted(steps.items()):
        if step.get("done") and not step.get("moved"):
            empty += 1  # a kind of item the site did not have
            continue
        source_pk, _sep, label = key.partition(":")
        try:
            what = str(apps.get_model(label)._meta.verbose_name_plural)
        except (LookupError, ValueError):
            what = label
        site = names.get(int(source_pk), f"#{source_pk}") if source_pk.isdigit() else source_pk
        state = _("xong") if step.get("done") else _("đang chuyển")
        lines[f"{site} — {what}"] = _("%(moved)d mục đã chuyển, %(state)s") % {
            "moved": step.get("moved", 0),
            "state": state,
        }
    if empty:
        lines[_("Không có mục cần chuyển")] = _("%(n)d bước") % {"n": empty}
    retired = (operation.progress or {}).get("retired") or []
    if retired:
        lines[_("Đã ngừng hoạt động")] = ", ".join(names.get(pk, f"#{pk}") for pk in retired)
    return lines


@admin.register(SiteOperation)
class SiteOperationAdmin(TenantScopedAdmin):
    tenant_field = "target"
    list_display = ("__str__", "source_names", "target", "moved", "redirects", "duration")
    list_filter = ("kind", "state")
    readonly_fields = (
        "kind",
        "state",
        "source_names",
        "target",
        "moved",
        "redirects",
        "duration",
        "progress_steps",
        "error",
        "created_by",
        "created_at",
        "started_at",
        "finished_at",
    )
    # The plan is shown by the change form's template, the progress step by step here.
    exclude = ("plan", "progress", "sources")
    change_form_template = "admin/tenants/siteoperation/change_form.html"
    change_list_template = "admin/tenants/siteoperation/change_list.html"
    actions = ["resume"]

    @admin.display(description=gettext_lazy("đơn vị nguồn"))
    def source_names(self, obj: SiteOperation) -> str:
        return ", ".join(site.name for site in obj.sources.all())

    @admin.display(description=gettext_lazy("tiến độ"))
    def progress_steps(self, obj: SiteOperation):
        return readable(progress_lines(obj))

    @admin.display(description=gettext_lazy("thời gian chạy"))
    def duration(self, obj: SiteOperation) -> str:
        return f"{obj.seconds:.1f} s" if obj.seconds is not None else "—"

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("sources")

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    def get_urls(self):
        merge = self.admin_site.admin_view(self.merge_view)
        split = self.admin_site.admin_view(self.split_view)
        return [
            path("merge/", merge, name="tenants_siteoperation_merge"),
            path("split/", split, name="tenants_siteoperation_split"),
            *super().get_urls(),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        operation = self.get_object(request, object_id)
        extra = {
            "plan": MergePlan.from_json(operation.plan)
            if operation and operation.kind in ("merge", "split") and operation.plan.get("lines")
            else None,
            "running": operation is not None
            and operation.state in (OperationState.PLANNED, OperationState.RUNNING),
        }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    @admin.action(description=gettext_lazy("Chạy tiếp các thao tác đã chọn"))
    def resume(self, request, queryset) -> None:
        from operations import outbox

        from .tasks import run_site_operation

        for operation in queryset.exclude(state=OperationState.DONE):
            outbox.enqueue_on_commit(run_site_operation, operation.pk)
        self.message_user(request, _("Đã đưa các thao tác vào hàng đợi chạy tiếp."))

    def merge_view(self, request):
        site_ids = lifecycle_site_ids(request.user)
        if site_ids is not None and not site_ids:
            raise PermissionDenied(_("Chỉ quản trị trang mới được sáp nhập đơn vị."))
        form = MergeForm(request.POST or None, site_ids=site_ids)
        plan = None
        if request.method == "POST" and form.is_valid():
            plan = form.plan()
            if "confirm" in request.POST and not plan.errors:
                try:
                    operation = merge_sites(
                        form.cleaned_data["sources"],
                        form.destination(),
                        by=request.user,
                        plan=plan,
                    )
                except LifecycleError as exc:
                    plan.errors.append(str(exc))
                else:
                    messages.success(
                        request,
                        _("Đã bắt đầu sáp nhập (thao tác #%(id)s); tiến độ hiện ở trang này.")
                        % {"id": operation.pk},
                    )
                    return redirect(
                        reverse("admin:tenants_siteoperation_change", args=[operation.pk])
                    )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Sáp nhập đơn vị"),
            "opts": self.model._meta,
            "form": form,
            "plan": plan,
        }
        return TemplateResponse(request, "admin/tenants/siteoperation/merge.html", context)

    def split_view(self, request):
        site_ids = lifecycle_site_ids(request.user)
        if site_ids is not None and not site_ids:
            raise PermissionDenied(_("Chỉ quản trị trang mới được chia tách đơn vị."))
        form = SplitForm(request.POST or None, site_ids=site_ids)
        plan = None
        if request.method == "POST" and form.is_valid():
            plan = form.plan()
            if "confirm" in request.POST and not plan.errors:
                try:
                    operation = split_site(
                        form.cleaned_data["source"], form.destination(), by=request.user, plan=plan
                    )
                except LifecycleError as exc:
                    plan.errors.append(str(exc))
                else:
                    messages.success(
                        request,
                        _("Đã bắt đầu chia tách (thao tác #%(id)s); tiến độ hiện ở trang này.")
                        % {"id": operation.pk},
                    )
                    return redirect(
                        reverse("admin:tenants_siteoperation_change", args=[operation.pk])
                    )
        context = {
            **self.admin_site.each_context(request),
            "title": _("Chia tách đơn vị"),
            "opts": self.model._meta,
            "form": form,
            "plan": plan,
            "split": True,
        }
        return TemplateResponse(request, "admin/tenants/siteoperation/merge.html", context)
