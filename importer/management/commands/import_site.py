"""manage.py import_site PROFILE [--site SITE] [--dry-run] [--update] [--user NAME]
[--example cong-tinh --base-url URL]"""

from __future__ import annotations

import time

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from importer import runs
from importer.examples import EXAMPLES, load_example
from importer.models import ImportRun, SourceProfile
from importer.pipeline import ImportRefused, run
from tenants.models import Tenant


class Command(BaseCommand):
    help = "Chuyển tin bài từ một cổng cũ theo nguồn dữ liệu đã khai báo (--dry-run: chỉ báo cáo)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("profile", help="mã nguồn (SourceProfile.slug)")
        parser.add_argument("--site", help="mã đơn vị đích (Tenant.slug)")
        parser.add_argument("--dry-run", action="store_true", help="chỉ báo cáo, không ghi gì")
        parser.add_argument(
            "--update", action="store_true", help="đọc lại cả mục đã nhập, cập nhật mục đã đổi"
        )
        parser.add_argument("--user", help="tài khoản người duyệt (khi nguồn đăng ngay)")
        parser.add_argument("--example", choices=sorted(EXAMPLES), help="tạo nguồn từ mẫu")
        parser.add_argument("--base-url", help="địa chỉ trang cũ (với --example)")
        parser.add_argument("--delay", type=float, help="giãn cách giữa hai lần tải (giây)")

    def handle(self, *args, **options) -> None:
        profile = self._profile(options)
        if options["delay"] is not None:
            profile.delay_seconds = options["delay"]
            profile.save(update_fields=["delay_seconds"])
        user = None
        if options["user"]:
            user = get_user_model().objects.filter(username=options["user"]).first()
            if user is None:
                raise CommandError(f"Không có tài khoản “{options['user']}”.")
        started = time.monotonic()

        def progress(done: int, total: int) -> None:
            if done % 25 and done != total:
                return
            elapsed = time.monotonic() - started
            rate = done / elapsed if elapsed else 0.0
            left = (total - done) / rate if rate else 0.0
            self.stdout.write(
                f"  {done}/{total} · {rate:.1f} mục/giây · còn khoảng {left:.0f} giây"
            )

        try:
            if options["dry_run"]:  # nothing is written, not even the run record
                report = run(ImportRun(profile=profile, dry_run=True), progress=progress)
            else:
                run_obj = ImportRun.objects.create(
                    tenant=profile.tenant,
                    profile=profile,
                    update_done=options["update"],
                    started_by=user,
                )
                self.stdout.write(f"Lần chạy #{run_obj.pk}: {profile}")
                report = runs.execute(run_obj.pk, progress=progress)
        except ImportRefused as exc:
            raise CommandError(str(exc)) from exc
        for line in report.lines():
            self.stdout.write(line)

    def _profile(self, options) -> SourceProfile:
        tenants = Tenant.objects.all()
        if options["site"]:
            tenants = tenants.filter(slug=options["site"])
            if not tenants.exists():
                raise CommandError(f"Không có đơn vị “{options['site']}”.")
        if options["example"]:
            if not options["site"] or not options["base_url"]:
                raise CommandError("--example cần --site và --base-url.")
            return load_example(
                options["example"], tenants.get(), options["base_url"], slug=options["profile"]
            )
        found = list(
            SourceProfile.objects.filter(
                tenant__in=tenants, slug=options["profile"]
            ).select_related("tenant")
        )
        if not found:
            raise CommandError(f"Không có nguồn “{options['profile']}”.")
        if len(found) > 1:
            raise CommandError("Nhiều đơn vị có nguồn cùng mã: hãy chỉ rõ --site.")
        return found[0]
