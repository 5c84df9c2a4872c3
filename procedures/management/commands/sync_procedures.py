"""Sync the procedure catalogue of a source from a file or its URL (what the nightly task runs)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from procedures import fetch, sync
from procedures.models import SyncRun, SyncSource
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Đồng bộ danh mục thủ tục hành chính của một nguồn (JSON/CSV, xem docs/procedures.md)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--source", required=True, help="mã nguồn (SyncSource.slug)")
        parser.add_argument("--file", help="tệp JSON/CSV; không có thì tải từ URL của nguồn")
        parser.add_argument("--tenant", help="mã đơn vị sở hữu, để tạo nguồn khi chưa có")
        parser.add_argument("--url", help="đặt lại URL của nguồn")
        parser.add_argument("--dry-run", action="store_true", help="chỉ báo cáo, không ghi gì")

    def handle(self, *args, source: str, file: str | None, tenant: str | None, url: str | None,
               dry_run: bool, **options) -> None:  # fmt: skip
        obj = SyncSource.objects.select_related("tenant").filter(slug=source).first()
        if obj is None:
            owner = Tenant.objects.filter(slug=tenant).first() if tenant else None
            if owner is None:
                raise CommandError(f"Không có nguồn “{source}”; thêm --tenant <mã đơn vị> để tạo.")
            obj = SyncSource.objects.create(slug=source, name=source, tenant=owner, url=url or "")
        elif url:
            obj.url = url
            obj.save(update_fields=["url"])
        data = None
        if file:
            try:
                data = fetch.read_file(file)
            except fetch.FetchError as exc:
                raise CommandError(str(exc)) from exc
        run = sync.sync_source(obj, data=data, filename=file or "", dry_run=dry_run,
                               trigger="command", progress=self.progress)  # fmt: skip
        self.stdout.write("")
        if run.outcome != SyncRun.Outcome.OK:
            for error in run.errors:
                self.stderr.write(f"  {error}")
            raise CommandError(f"{run.get_outcome_display()}: không có thay đổi nào được ghi.")
        prefix = "CHẠY THỬ — sẽ " if dry_run else ""
        self.stdout.write(self.style.SUCCESS(
            f"{prefix}thêm mới {run.created}, cập nhật {run.updated}, "
            f"ngưng áp dụng {run.withdrawn}, "
            f"áp dụng lại {run.reinstated}, không đổi {run.unchanged} ({run.seconds:.2f} giây)."
        ))  # fmt: skip

    def progress(self, done: int, total: int) -> None:
        width = 30
        filled = int(width * done / total) if total else width
        self.stdout.write(f"\r[{'#' * filled}{'.' * (width - filled)}] {done}/{total}", ending="")
        self.stdout.flush()
