"""Procedure records as the public-service system exports them, and sources to import them."""

from __future__ import annotations

import json

import factory
from django.test import TestCase

from procedures import sync
from procedures.models import SyncRun, SyncSource


class SyncSourceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SyncSource

    slug = factory.Sequence(lambda n: f"nguon{n}")
    name = factory.Sequence(lambda n: f"Nguồn thủ tục {n}")


def record(code: str = "1.000001", tenants=("xaa",), **overrides) -> dict:
    """One valid record of the export schema (docs/procedures.md)."""
    base = {
        "code": code,
        "name": "Đăng ký khai sinh",
        "name_en": "Birth registration",
        "field_code": "HT",
        "field_name": "Hộ tịch",
        "field_name_en": "Civil status",
        "level": "commune",
        "agency_name": "Ủy ban nhân dân cấp xã",
        "implementing_tenants": list(tenants),
        "processing_time": "Ngay trong ngày tiếp nhận hồ sơ.",
        "fees": "Miễn lệ phí.",
        "dossier": [
            {
                "name": "Tờ khai đăng ký khai sinh",
                "quantity": "01 bản chính",
                "form_name": "Mẫu tờ khai đăng ký khai sinh",
                "form_url": "https://dichvucong.example.vn/mau/khai-sinh.docx",
            },
            {"name": "Giấy chứng sinh", "quantity": "01 bản chính"},
        ],
        "steps": "Bước 1: Nộp hồ sơ.\nBước 2: Nhận kết quả.",
        "method": "Trực tuyến hoặc trực tiếp.",
        "requirements": "Không.",
        "result": "Giấy khai sinh.",
        "online_level": "full",
        "partial_reason": "",
        "submission_url": f"https://dichvucong.example.vn/nop?ma={code}",
        "legal_basis": [{"number": "60/2014/QH13", "title": "Luật Hộ tịch"}],
    }
    base.update(overrides)
    return base


def export(*records) -> bytes:
    return json.dumps({"procedures": list(records)}, ensure_ascii=False).encode()


def generate_records(n: int, tenants: list[str]) -> list[dict]:
    """n distinct records spread over fields, levels and online levels."""
    levels = ["commune", "province", "district"]
    online = ["full", "partial", "none"]
    out = []
    for i in range(n):
        level_online = online[i % 3]
        out.append(
            record(
                code=f"9.{i:06d}",
                name=f"Thủ tục thử nghiệm số {i} về cấp giấy phép hoạt động",
                field_code=f"F{i % 25}",
                field_name=f"Lĩnh vực {i % 25}",
                field_name_en=f"Field {i % 25}",
                level=levels[i % 3],
                agency_name=f"Cơ quan {i % 10}",
                tenants=[tenants[i % len(tenants)]],
                online_level=level_online,
                partial_reason="Phải nộp bản chính." if level_online == "partial" else "",
                submission_url="" if level_online == "none" else f"https://dvc.example.vn/{i}",
            )
        )
    return out


def import_records(source: SyncSource, *records, **kwargs) -> SyncRun:
    """Sync these records as one export, running the after-commit work as a real commit would."""
    with TestCase.captureOnCommitCallbacks(execute=True):
        run = sync.sync_source(source, data=export(*records), filename="export.json", **kwargs)
    assert run.outcome == SyncRun.Outcome.OK, run.errors
    return run
