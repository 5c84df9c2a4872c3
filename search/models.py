"""The search index (one row per published item and language) and query analytics.

The `vector` column is filled at write time by `search.indexing` (unaccent is not
IMMUTABLE in PostgreSQL, so it cannot back an expression index); the GIN and trigram
indexes are created by the migration with raw SQL because they are PostgreSQL-only.
"""

from __future__ import annotations

from django.contrib.postgres.search import SearchVectorField
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tenants.models import TenantOwned


class SearchEntry(TenantOwned):
    # Copy of the tenant's MPTT tree_id: a whole-province search filters on it directly
    # (a tenant moving to another tree needs `rebuild_search_index`; moves inside the
    # tree do not, since narrower scopes filter on tenant ids read from the live tree).
    tree_id = models.PositiveIntegerField(default=0, verbose_name=_("cây đơn vị"))
    # Which object this row stands for: the source model ("content.article") and its pk.
    model_label = models.CharField(max_length=100, verbose_name=_("loại dữ liệu"))
    object_id = models.CharField(max_length=64, verbose_name=_("mã mục"))
    kind = models.CharField(max_length=30, verbose_name=_("loại"))
    language = models.CharField(max_length=8, verbose_name=_("ngôn ngữ"))
    title = models.CharField(max_length=500, verbose_name=_("tiêu đề"))
    # Plain text, capped: snippets are cut from it.
    text = models.TextField(blank=True, verbose_name=_("nội dung"))
    url = models.CharField(max_length=500, verbose_name=_("địa chỉ"))
    reference = models.CharField(max_length=100, blank=True, verbose_name=_("số hiệu"))
    # Document numbers found in reference/title/text, each as one token ("ref152024qdubnd").
    tokens = models.TextField(blank=True, verbose_name=_("mã số đã chuẩn hóa"))
    published_at = models.DateTimeField(null=True, blank=True, verbose_name=_("thời điểm đăng"))
    year = models.PositiveSmallIntegerField(null=True, blank=True, verbose_name=_("năm"))
    # Matching: folded title (A), folded text (C), the words as written (B, D),
    # document-number tokens (A), month/year tokens. Large, so
    # PostgreSQL keeps it out of line (toast_tuple_target) and the heap stays narrow.
    vector = SearchVectorField(null=True, verbose_name=_("chỉ mục tìm kiếm"))
    # Title ranking: folded title (A) + the title as written (B) + tokens (A). Small and
    # inline: "every word in the title" is checked without reading a large value.
    rank_vector = SearchVectorField(null=True, verbose_name=_("chỉ mục xếp hạng"))
    # The object has rows on several sites (a procedure per implementing unit): a wide
    # search shows it once, from the unit first in the tree (engine.py).
    shared = models.BooleanField(default=False, verbose_name=_("dùng chung"))
    indexed_at = models.DateTimeField(auto_now=True, verbose_name=_("lập chỉ mục lúc"))

    class Meta:
        verbose_name = _("mục chỉ mục tìm kiếm")
        verbose_name_plural = _("chỉ mục tìm kiếm")
        indexes = [
            models.Index(fields=["model_label", "object_id"], name="search_entry_object"),
            # Newest-first walks of a scope, used when a word matches a large share.
            models.Index(
                fields=["tree_id", "language", "-published_at"], name="search_entry_tree_date"
            ),
            models.Index(
                fields=["tenant", "language", "-published_at"], name="search_entry_tenant_date"
            ),
        ]

    def __str__(self) -> str:
        return self.title


class SearchQueryStat(TenantOwned):
    """How often a normalised query was searched on a site in a week. No personal data:
    no IP, no user, no time of day; queries that look like ID/phone numbers or e-mail
    addresses are counted under a placeholder instead of being stored."""

    week = models.DateField(_("tuần (thứ Hai)"))
    query = models.CharField(_("từ khóa"), max_length=120)
    searches = models.PositiveIntegerField(_("số lượt tìm"), default=0)
    zero_results = models.PositiveIntegerField(_("số lượt không có kết quả"), default=0)

    class Meta:
        verbose_name = _("thống kê từ khóa tìm kiếm")
        verbose_name_plural = _("thống kê từ khóa tìm kiếm")
        constraints = [
            models.UniqueConstraint(
                fields=["tenant", "week", "query"], name="search_stat_unique_query_week"
            )
        ]
        indexes = [models.Index(fields=["tenant", "-week", "-searches"], name="search_stat_top")]

    def __str__(self) -> str:
        return self.query


class SearchTerm(models.Model):
    """The folded words of indexed titles, for "did you mean" (pg_trgm on a small table)."""

    word = models.CharField(max_length=60, unique=True, verbose_name=_("từ"))
    uses = models.PositiveIntegerField(default=1, verbose_name=_("số lần dùng"))

    class Meta:
        verbose_name = _("từ tìm kiếm")
        verbose_name_plural = pgettext_lazy("plural", "từ tìm kiếm")

    def __str__(self) -> str:
        return self.word
