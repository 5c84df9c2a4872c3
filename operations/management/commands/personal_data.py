from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from operations import personal_data


class Command(BaseCommand):
    help = (
        "A citizen's data request, on every site: `show`, `export` (ZIP) or `erase` "
        "(anonymise) what is held for an e-mail address or a tracking code. Audited."
    )

    def add_arguments(self, parser) -> None:
        parser.add_argument("action", choices=["show", "export", "erase"])
        parser.add_argument("who", help="e-mail address or tracking code")
        parser.add_argument("--output", help="ZIP file to write (export)")
        parser.add_argument("--yes", action="store_true", help="erase without asking")

    def handle(self, *args, action: str, who: str, output: str | None, yes: bool, **options):
        try:
            query = personal_data.parse_query(who)
        except personal_data.BadQuery as error:
            raise CommandError(str(error)) from None
        found = personal_data.find(query, tenant_ids=None)
        for key, count in found.counts.items():
            self.stdout.write(f"{key}: {count}")
        if action == "show":
            return
        if not found.total:
            raise CommandError("Không có dữ liệu nào của người này.")
        if action == "export":
            if not output:
                raise CommandError("--output <tệp.zip> là bắt buộc khi xuất.")
            Path(output).write_bytes(personal_data.export_zip(found))
            self.stdout.write(f"written {output}")
            return
        if not yes:
            raise CommandError("Thêm --yes để xác nhận xóa (ẩn danh hóa).")
        done = personal_data.erase(found)
        self.stdout.write(f"erased: {sum(done.values())}")
