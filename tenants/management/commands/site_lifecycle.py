"""manage.py site_lifecycle move|rename|archive|status: the other lifecycle operations."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from tenants.lifecycle.context import LifecycleError
from tenants.lifecycle.site import archive_site, move_site, rename_site
from tenants.models import SiteOperation

from .merge_sites import find_site


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
            else:
                self._status(options["id"])
                return
        except LifecycleError as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write(self.style.SUCCESS(f"{operation}: {operation.plan}"))

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
