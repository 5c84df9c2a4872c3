"""Factories for disclosure records: published by default, with their typed details."""

from datetime import UTC, date, datetime
from decimal import Decimal

import factory

from disclosure.models import (
    BudgetDetails,
    DatasetDetails,
    ProjectDetails,
    Record,
    Section,
    TableRow,
)
from portal.publishing import PublicationStatus


class RecordFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Record

    section = Section.PLANNING
    title_vi = factory.Sequence(lambda n: f"Thông tin công khai số {n}")
    title_en = factory.Sequence(lambda n: f"Disclosure no. {n}")
    summary_vi = "Tóm tắt nội dung"
    fact_date = date(2026, 3, 2)
    year = factory.LazyAttribute(lambda o: o.fact_date.year)
    status = PublicationStatus.PUBLISHED
    published_at = factory.Sequence(lambda n: datetime(2026, 3, 5, 8, 0, n % 60, tzinfo=UTC))


class ProjectFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ProjectDetails

    record = factory.SubFactory(RecordFactory, section=Section.INVESTMENT)
    capital_source = "Ngân sách tỉnh"
    total_investment = Decimal("1000")
    disbursed = Decimal("250")
    progress = 30
    investor = "Ban Quản lý dự án"


class BudgetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetDetails

    record = factory.SubFactory(RecordFactory, section=Section.BUDGET)
    fiscal_year = 2026
    stage = "estimate"
    approval_date = date(2025, 12, 10)


class DatasetFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = DatasetDetails

    record = factory.SubFactory(RecordFactory, section=Section.STATISTICS)
    period_label = "Năm 2025"
    source = "Thống kê tỉnh"


def add_rows(record, columns, rows):
    """rows: [(label, unit, [values as strings])]."""
    record.table_columns = columns
    record.save()
    for position, (label, unit, values) in enumerate(rows):
        TableRow.objects.create(
            record=record, position=position, label=label, unit=unit, values=values
        )
    return record
