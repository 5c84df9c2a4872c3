"""Create (or bring up to date) the demo province, its sites, accounts and every app's demo data."""

import time

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand
from django.db import transaction
from django.utils import translation

from portal.hooks import hook_functions
from tenants import demo_data
from tenants.domains import suggest_hostname
from tenants.models import Domain, Membership, Tenant


class Command(BaseCommand):
    help = "Seed the fictional demo province (idempotent)."

    def add_arguments(self, parser) -> None:
        parser.add_argument("--port", default="8000", help="port printed in the site URLs")

    def handle(self, *args, port: str, **options) -> None:
        # Names, slugs and hostnames come from the Vietnamese fields, whatever language a
        # previous step (an in-process page fetch of /en/) left active.
        with translation.override(settings.LANGUAGE_CODE):
            self.seed(port)

    def seed(self, port: str) -> None:
        started = time.monotonic()
        self.progress("Sites and accounts")
        with transaction.atomic():
            tenants = self.seed_tree()
            self.seed_accounts(tenants)
        seeds = hook_functions("demo", "seed")
        for number, seed in enumerate(seeds, start=1):
            app = seed.__module__.split(".")[0]
            self.progress(f"[{number}/{len(seeds)}] demo data of {app}")
            seed(tenants, self.stdout)
        self.progress(f"Seeded in {time.monotonic() - started:.0f} s")
        self.report(tenants, port)

    def progress(self, message: str) -> None:
        """One line per step, flushed at once: seeding takes tens of seconds."""
        self.stdout.write(f"… {message}")
        self.stdout.flush()

    def seed_tree(self) -> dict[str, Tenant]:
        province_fields = dict(demo_data.PROVINCE)
        slug = province_fields.pop("slug")
        province, _ = Tenant.objects.update_or_create(slug=slug, defaults=province_fields)
        tenants = {slug: province}
        for c_slug, kind, name_vi, name_en, person, hotline, parent in demo_data.COMPONENTS:
            archived = kind == "district"
            tenants[c_slug], _ = Tenant.objects.update_or_create(
                slug=c_slug,
                defaults={
                    "parent": tenants[parent],
                    "kind": kind,
                    "name_vi": name_vi,
                    "name_en": name_en,
                    "is_archived": archived,
                    "order": {"department": 10, "district": 90}.get(kind, 20),
                    "governing_body_vi": "Ủy ban nhân dân tỉnh Sơn Lâm"
                    if kind == "department"
                    else f"Ủy ban nhân dân {name_vi[0].lower()}{name_vi[1:]}",
                    "governing_body_en": "People's Committee of Son Lam Province"
                    if kind == "department"
                    else f"People's Committee of {name_en}",
                    "responsible_person": person,
                    "responsible_title_vi": "Giám đốc" if kind == "department" else "Chủ tịch UBND",
                    "responsible_title_en": "Director" if kind == "department" else "Chairperson",
                    "address_vi": f"Trụ sở {name_vi}, tỉnh Sơn Lâm",
                    "address_en": f"Office of {name_en}, Son Lam Province",
                    "phone": hotline,
                    "hotline": hotline,
                    "email": f"{c_slug}@sonlam.gov.vn",
                    "introduction_vi": f"Trang thông tin điện tử {name_vi}, trang thành phần của "
                    "Cổng thông tin điện tử tỉnh Sơn Lâm.",
                    "introduction_en": f"Website of {name_en}, a component of the Son Lam "
                    "Province e-portal.",
                },
            )
        Tenant.objects.rebuild()
        for tenant in Tenant.objects.all():
            local = "localhost" if tenant.parent_id is None else f"{tenant.slug}.localhost"
            Domain.objects.update_or_create(
                hostname=local, defaults={"tenant": tenant, "is_primary": True}
            )
            Domain.objects.get_or_create(
                hostname=suggest_hostname(tenant), defaults={"tenant": tenant, "is_primary": False}
            )
        return {t.slug: t for t in Tenant.objects.all()}

    def seed_accounts(self, tenants: dict[str, Tenant]) -> None:
        users = get_user_model()
        username, _label = demo_data.SUPERUSER
        admin, created = users.objects.get_or_create(
            username=username, defaults={"is_staff": True, "is_superuser": True}
        )
        if created:
            admin.set_password(demo_data.DEMO_PASSWORD)
            admin.save()
        for username, role, slug, descendants, _label in demo_data.ACCOUNTS:
            user, created = users.objects.get_or_create(
                username=username, defaults={"is_staff": True}
            )
            if created:
                user.set_password(demo_data.DEMO_PASSWORD)
                user.save()
            Membership.objects.update_or_create(
                user=user,
                tenant=tenants[slug],
                role=role,
                defaults={"include_descendants": descendants},
            )

    def report(self, tenants: dict[str, Tenant], port: str) -> None:
        write = self.stdout.write
        write(
            self.style.SUCCESS("\nDemo province ready. Sites (Vietnamese at /, English at /en/):")
        )
        for tenant in Tenant.objects.order_by("tree_id", "lft"):
            host = tenant.domains.filter(is_primary=True).values_list("hostname", flat=True).first()
            indent = "  " * tenant.level
            write(f"  {indent}http://{host}:{port}/  {tenant.name}")
        write(
            self.style.SUCCESS(
                f"\nAdmin: http://localhost:{port}/admin/  password for all demo "
                f"accounts: {demo_data.DEMO_PASSWORD}"
            )
        )
        write(f"  {demo_data.SUPERUSER[0]:<22} {demo_data.SUPERUSER[1]}")
        for username, _role, _slug, _desc, label in demo_data.ACCOUNTS:
            write(f"  {username:<22} {label}")
