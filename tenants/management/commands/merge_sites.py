"""manage.py merge_sites SOURCE... --into TARGET [--dry-run]: merge sites (by slug or
hostname), showing the plan first. Runs in this process, batch by batch; after a crash,
`--resume ID` continues where it stopped."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandError

from tenants.lifecycle.context import LifecycleError
from tenants.lifecycle.merge import execute, merge_sites
from tenants.lifecycle.plan import MergePlan, NewSite, plan_merge
from tenants.lifecycle.walk import sitemap_urls, walk
from tenants.models import Domain, SiteOperation, Tenant


def find_site(ref: str) -> Tenant:
    """A site by its slug or one of its hostnames."""
    site = Tenant.objects.filter(slug=ref).first()
    if site is None:
        domain = Domain.objects.select_related("tenant").filter(hostname=ref.lower()).first()
        site = domain.tenant if domain else None
    if site is None:
        raise CommandError(f"Không tìm thấy đơn vị “{ref}” (mã định danh hoặc tên miền).")
    return site


def print_plan(out, plan: MergePlan) -> None:
    verb = "Chia tách" if plan.selection is not None else "Sáp nhập"
    out.write(f"{verb} {', '.join(plan.source_names)} → {plan.target_name}")
    for line in plan.lines:
        if not line.count:
            continue
        parts = [f"{line.count} mục"]
        for label, value in (
            ("chuyển", line.moved),
            ("đổi đường dẫn", line.renamed),
            ("gộp", line.merged),
            ("ở lại lưu trữ", line.skipped),
            ("đang soạn/chờ duyệt", line.unfinished),
        ):
            if value:
                parts.append(f"{label} {value}")
        out.write(f"  {line.kind}: {', '.join(parts)}")
    for clash in plan.clashes:
        resolution = f"→ {clash.new_slug}" if clash.new_slug else "gộp với mục có sẵn"
        out.write(f"  trùng: {clash.kind} “{clash.key}” của {clash.source}: {resolution}")
    out.write(f"  chuyển hướng sẽ tạo: {plan.redirect_count}")
    for old, new in plan.host_rules:
        out.write(f"  tên miền {old} → {new}")
    for warning in plan.warnings:
        out.write(f"  lưu ý: {warning}")


class Command(BaseCommand):
    help = "Sáp nhập các trang (đơn vị) vào một trang đích; --dry-run chỉ xem trước."

    def add_arguments(self, parser) -> None:
        parser.add_argument("sources", nargs="*", help="mã định danh hoặc tên miền")
        parser.add_argument("--into", help="đơn vị đích có sẵn")
        parser.add_argument("--new-name", help="tạo đơn vị đích mới với tên này")
        parser.add_argument("--new-slug")
        parser.add_argument("--new-hostname")
        parser.add_argument("--new-kind", default="commune")
        parser.add_argument("--new-parent", help="đơn vị cấp trên của đơn vị mới")
        parser.add_argument("--categories", choices=["merge", "rename"], default="merge")
        parser.add_argument("--refuse-unfinished", action="store_true")
        parser.add_argument("--dry-run", action="store_true")
        parser.add_argument("--resume", type=int, help="chạy tiếp thao tác số ID")
        parser.add_argument("--batch-size", type=int, default=500)
        parser.add_argument(
            "--walk",
            action="store_true",
            help="đọc sitemap của đơn vị nguồn trước, kiểm tra mọi địa chỉ cũ trả 301 sau",
        )

    def handle(self, *args, **options) -> None:
        if options["resume"]:
            self._run(options["resume"], options["batch_size"])
            return
        sources = [find_site(ref) for ref in options["sources"]]
        if options["into"]:
            target: Tenant | NewSite = find_site(options["into"])
        elif options["new_name"]:
            parent = find_site(options["new_parent"]) if options["new_parent"] else None
            target = NewSite(
                name=options["new_name"],
                slug=options["new_slug"] or "",
                hostname=options["new_hostname"] or "",
                kind=options["new_kind"],
                parent_id=parent.pk if parent else None,
            )
        else:
            raise CommandError("Chọn đơn vị đích: --into TARGET hoặc --new-name … --new-hostname …")
        plan = plan_merge(
            sources,
            target,
            categories=options["categories"],
            unfinished="refuse" if options["refuse_unfinished"] else "move",
        )
        if plan.errors:
            raise CommandError(" ".join(plan.errors))
        print_plan(self.stdout, plan)
        if options["dry_run"]:
            self.stdout.write("Chạy thử: chưa thay đổi gì.")
            return
        old_urls = (
            [url for site in sources for url in sitemap_urls(site)] if options["walk"] else []
        )
        try:
            operation = merge_sites(sources, target, plan=plan, run=False)
        except LifecycleError as exc:
            raise CommandError(str(exc)) from exc
        self._run(operation.pk, options["batch_size"])
        if options["walk"]:
            result = walk(old_urls)
            self.stdout.write(
                f"Kiểm tra sitemap cũ: {result.checked} địa chỉ, {result.one_hop} trả 301"
                f" một bước tới trang 200, {len(result.failures)} lỗi."
            )
            for url, problem in result.failures[:20]:
                self.stdout.write(f"  {url}: {problem}")

    def _run(self, operation_id: int, batch_size: int) -> None:
        if not SiteOperation.objects.filter(pk=operation_id).exists():
            raise CommandError(f"Không có thao tác số {operation_id}.")
        started = time.monotonic()
        operation = execute(operation_id, batch_size=batch_size)
        self.stdout.write(
            self.style.SUCCESS(
                f"Thao tác #{operation.pk}: {operation.get_state_display()} — "
                f"{operation.moved} mục, {operation.redirects} chuyển hướng, "
                f"{time.monotonic() - started:.1f} giây."
            )
        )
