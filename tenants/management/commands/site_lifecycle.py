"""manage.py site_lifecycle move|rename|archive|retire|split|status: the lifecycle
operations other than a merge (merge_sites)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tenants.lifecycle.context import LifecycleError
from tenants.lifecycle.merge import execute
from tenants.lifecycle.plan import NewSite
from tenants.lifecycle.site import archive_site, move_site, rename_site, retire_site
from tenants.lifecycle.split import plan_split, split_site
from tenants.models import SiteOperation, Tenant

from .merge_sites import find_site, print_plan


class Command(BaseCommand):
    help = "Chuyển đơn vị cấp trên, đổi tên/tên miền, chuyển thành trang lưu trữ, xem tiến độ."

    def add_arguments(self, parser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        move = sub.add_parser("move", help="chuyển sang đơn vị cấp trên khác")
        move.add_argument("site")
        move.add_argument("--parent", required=True)
        rename = sub.add_parser("rename", help="đổi tên, đổi tên miền chính")
        rename.add_argument("site")
        rename.add_argument("--name", required=True)
        rename.add_argument("--short-name")
        rename.add_argument("--hostname", help="tên miền chính mới; tên miền cũ chuyển hướng 301")
        archive = sub.add_parser("archive", help="chuyển thành trang lưu trữ (chỉ đọc)")
        archive.add_argument("site")
        retire = sub.add_parser(
            "retire", help="ngừng hoạt động: lưu trữ, hoặc sáp nhập vào đơn vị kế thừa"
        )
        retire.add_argument("site")
        retire.add_argument("--successor", help="đơn vị kế thừa: địa chỉ cũ chuyển hướng 301")
        split = sub.add_parser("split", help="tách chuyên mục sang đơn vị khác hoặc đơn vị mới")
        split.add_argument("site")
        split.add_argument(
            "--categories", required=True, help="đường dẫn chuyên mục, cách nhau dấu phẩy"
        )
        split.add_argument("--into", help="đơn vị đích có sẵn")
        split.add_argument("--new-name")
        split.add_argument("--new-slug")
        split.add_argument("--new-hostname")
        split.add_argument("--new-kind", default="department")
        split.add_argument("--new-parent")
        split.add_argument("--refuse-unfinished", action="store_true")
        split.add_argument("--dry-run", action="store_true")
        status = sub.add_parser("status", help="tiến độ các thao tác")
        status.add_argument("id", nargs="?", type=int)

    def handle(self, *args, **options) -> None:
        action = options["action"]
        try:
            if action == "move":
                operation = move_site(find_site(options["site"]), find_site(options["parent"]))
            elif action == "rename":
                operation = rename_site(
                    find_site(options["site"]),
                    name=options["name"],
                    short_name=options["short_name"],
                    primary_hostname=options["hostname"],
                )
            elif action == "archive":
                operation = archive_site(find_site(options["site"]))
            elif action == "retire":
                successor = options["successor"]
                operation = retire_site(
                    find_site(options["site"]),
                    successor=find_site(successor) if successor else None,
                )
                if successor:
                    operation = execute(operation.pk)
            elif action == "split":
                operation = self._split(options)
                if operation is None:
                    return
            else:
                self._status(options["id"])
                return
        except LifecycleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{operation}: {operation.plan}"))

    def _split(self, options) -> SiteOperation | None:
        source = find_site(options["site"])
        slugs = [slug.strip() for slug in options["categories"].split(",") if slug.strip()]
        from content.models import Category

        categories = list(Category.objects.filter(tenant=source, slug__in=slugs))
        missing = set(slugs) - {c.slug for c in categories}
        if missing:
            raise CommandError(f"Không có chuyên mục {', '.join(sorted(missing))} ở {source.name}.")
        if options["into"]:
            target: Tenant | NewSite = find_site(options["into"])
        elif options["new_name"]:
            parent = find_site(options["new_parent"]) if options["new_parent"] else source.parent
            target = NewSite(
                name=options["new_name"],
                slug=options["new_slug"] or "",
                hostname=options["new_hostname"] or "",
                kind=options["new_kind"],
                parent_id=parent.pk if parent else None,
            )
        else:
            raise CommandError("Chọn đơn vị đích: --into TARGET hoặc --new-name … --new-hostname …")
        plan = plan_split(
            source,
            target,
            categories=[c.pk for c in categories],
            unfinished="refuse" if options["refuse_unfinished"] else "move",
        )
        if plan.errors:
            raise CommandError(" ".join(plan.errors))
        print_plan(self.stdout, plan)
        if options["dry_run"]:
            self.stdout.write("Chạy thử: chưa thay đổi gì.")
            return None
        return execute(split_site(source, target, plan=plan, run=False).pk)

    def _status(self, operation_id: int | None) -> None:
        operations = SiteOperation.objects.order_by("-pk")
        if operation_id:
            operations = operations.filter(pk=operation_id)
        for operation in operations[:20]:
            sources = ", ".join(s.name for s in operation.sources.all())
            self.stdout.write(
                f"#{operation.pk} {operation.get_kind_display()} {sources} → "
                f"{operation.target or '—'}: {operation.get_state_display()}, "
                f"{operation.moved} mục, {operation.redirects} chuyển hướng"
                + (f", lỗi: {operation.error}" if operation.error else "")
            )
