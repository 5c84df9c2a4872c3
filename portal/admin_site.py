"""One admin on every host; its header names the tenant being worked on."""

from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpRequest, HttpResponseRedirect
from django.urls import path, reverse
from django.utils.http import url_has_allowed_host_and_scheme, urlencode
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts import second_factor
from accounts.views import passkeys_view, second_factor_view
from operations.personal_data_views import personal_data_view
from portal.admin_language import switch_language
from portal.languages import is_english
from tenants.access import visible_tenant_ids
from tenants.admin_scoping import WORKING_TENANT_SESSION_KEY, working_tenant_id
from tenants.models import Tenant

SWITCH_LIST_MAX = 50


class PortalAdminSite(admin.AdminSite):
    site_title = gettext_lazy("Quản trị cổng thông tin")
    site_header = gettext_lazy("Quản trị cổng thông tin")
    index_title = gettext_lazy("Bảng điều khiển")

    def has_permission(self, request: HttpRequest) -> bool:
        user = request.user
        return user.is_active and user.is_staff and second_factor.is_satisfied(user)

    def login(self, request: HttpRequest, extra_context=None):
        """The password, then the second factor (accounts.views): a staff member signed
        in with the password alone is sent to the code or enrolment page."""
        if request.method == "POST" or not self._awaits_second_factor(request.user):
            response = super().login(request, extra_context)
            user = request.user
            if not (response.status_code == 302 and self._awaits_second_factor(user)):
                return response
        next_url = request.POST.get("next") or request.GET.get("next") or ""
        target = reverse("admin:second_factor")
        if next_url:
            target += "?" + urlencode({"next": next_url})
        return HttpResponseRedirect(target)

    @staticmethod
    def _awaits_second_factor(user) -> bool:
        return (
            user.is_authenticated
            and user.is_active
            and user.is_staff
            and not second_factor.is_satisfied(user)
        )

    def switchable_tenants(self, request: HttpRequest):
        user = request.user
        if not user.is_authenticated:
            return Tenant.objects.none()
        queryset = Tenant.objects.filter(is_active=True)
        if not user.is_superuser:
            queryset = queryset.filter(pk__in=visible_tenant_ids(user))
        return queryset.order_by("tree_id", "lft")

    def each_context(self, request: HttpRequest) -> dict:
        context = super().each_context(request)
        if is_english() and context.get("site_url") == "/":
            context["site_url"] = "/en/"  # "View site" in the language the admin is in
        if not request.user.is_authenticated:
            return context
        switchable = self.switchable_tenants(request)
        # Up to SWITCH_LIST_MAX sites are offered in a list; more (a national
        # installation has 4,000) are chosen by typing a name.
        tenants = list(switchable[: SWITCH_LIST_MAX + 1])
        many = len(tenants) > SWITCH_LIST_MAX
        host_tenant = getattr(request, "tenant", None)
        wanted = {working_tenant_id(request), getattr(host_tenant, "pk", None)} - {None}
        if many:
            tenants = list(switchable.filter(pk__in=wanted)) if wanted else []
        by_id = {tenant.pk: tenant for tenant in tenants}
        working = by_id.get(working_tenant_id(request))
        # The header names what the user works on: the chosen tenant, else this
        # host's site when it is theirs, else their only site.
        current = working or by_id.get(getattr(host_tenant, "pk", None))
        if current is None and len(tenants) == 1 and not many:
            current = tenants[0]
        if current is not None:
            context["site_header"] = _("Quản trị — %(name)s") % {"name": current.name}
        context["working_tenant"] = working
        context["switchable_tenants"] = tenants if len(tenants) > 1 and not many else []
        context["switch_by_name"] = many
        return context

    def index(self, request: HttpRequest, extra_context=None):
        if request.user.is_superuser:
            from operations.backup_status import stale_backup_warning

            if warning := stale_backup_warning():
                messages.warning(request, warning)
        from operations.personal_data import may_handle_requests

        extra_context = {
            **(extra_context or {}),
            "personal_data_requests": may_handle_requests(request.user),
        }
        return super().index(request, extra_context)

    def get_urls(self):
        return [
            path("xac-thuc-hai-buoc/", second_factor_view, name="second_factor"),
            path("khoa-bao-mat-cua-toi/", self.admin_view(passkeys_view), name="passkeys"),
            path(
                "du-lieu-ca-nhan/",
                self.admin_view(personal_data_view),
                name="personal_data",
            ),
            # Not behind admin_view: the sign-in page has the switch too.
            path("ngon-ngu/", switch_language, name="switch_language"),
            path(
                "working-tenant/",
                self.admin_view(require_POST(self.switch_working_tenant)),
                name="switch_working_tenant",
            ),
            *super().get_urls(),
        ]

    def _tenants_named(self, request: HttpRequest, typed: str) -> list[Tenant]:
        """The site whose name or slug is what was typed, else those containing it."""
        switchable = self.switchable_tenants(request)
        exact = list(switchable.filter(Q(name__iexact=typed) | Q(slug__iexact=typed))[:2])
        if len(exact) == 1:
            return exact
        return list(switchable.filter(name__icontains=typed)[:9])

    def switch_working_tenant(self, request: HttpRequest):
        raw = request.POST.get("tenant", "")
        next_url = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(next_url, allowed_hosts={request.get_host()}):
            next_url = "../"
        typed = request.POST.get("tenant_name", "").strip()[:200]
        if typed and not raw:
            found = self._tenants_named(request, typed)
            if len(found) != 1:
                names = ", ".join(t.name for t in found[:8])
                messages.error(
                    request,
                    _("Có %(n)s đơn vị khớp với “%(typed)s”: %(names)s. Hãy gõ đúng tên.")
                    % {"n": len(found), "typed": typed, "names": names or "—"},
                )
                return HttpResponseRedirect(next_url)
            raw = str(found[0].pk)
        if raw == "":
            request.session.pop(WORKING_TENANT_SESSION_KEY, None)
            messages.info(request, _("Đang làm việc trên tất cả đơn vị của bạn."))
            return HttpResponseRedirect(next_url)
        try:
            tenant_id = int(raw)
        except ValueError:
            tenant_id = None
        allowed = tenant_id is not None and (
            request.user.is_superuser or tenant_id in visible_tenant_ids(request.user)
        )
        if not allowed:
            messages.error(request, _("Bạn không có quyền làm việc trên đơn vị này."))
            return HttpResponseRedirect(next_url)
        request.session[WORKING_TENANT_SESSION_KEY] = tenant_id
        messages.success(request, _("Đã chuyển đơn vị làm việc."))
        return HttpResponseRedirect(next_url)
