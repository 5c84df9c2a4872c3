"""The merge plan: what will move, by kind and count, every slug clash and how it is
resolved, the redirects that will be created, and what refuses the merge. The preview
renders it, the operation stores it, and `execute` follows the same rules, so what the
editorial board confirmed is what runs."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict, dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _

from tenants.domains import normalize_hostname, validate_hostname
from tenants.models import Domain, SiteOperation, Tenant, TenantKind
from tenants.models_lifecycle import UNFINISHED_STATES

from .context import free_slug, hostnames_of
from .rules import How, MoveRule, OnClash, all_rules

REDIRECT_SAMPLE = 200


@dataclass
class NewSite:
    """A target site to create when the merge starts."""

    name: str
    slug: str
    hostname: str
    kind: str = TenantKind.COMMUNE
    parent_id: int | None = None

    def errors(self) -> list[str]:
        problems = []
        if not self.name.strip():
            problems.append(_("Nhập tên đơn vị mới."))
        if not self.slug or Tenant.objects.filter(slug=self.slug).exists():
            problems.append(_("Mã định danh “%(slug)s” đã có đơn vị dùng.") % {"slug": self.slug})
        if self.kind not in TenantKind.values:
            problems.append(_("Loại đơn vị không hợp lệ."))
        try:
            validate_hostname(normalize_hostname(self.hostname))
        except ValidationError as exc:
            problems.extend(exc.messages)
        else:
            if Domain.objects.filter(hostname=normalize_hostname(self.hostname)).exists():
                problems.append(
                    _("Tên miền %(host)s đã được một đơn vị khác sử dụng.")
                    % {"host": normalize_hostname(self.hostname)}
                )
        if self.parent_id and not Tenant.objects.filter(pk=self.parent_id).exists():
            problems.append(_("Không tìm thấy đơn vị cấp trên đã chọn."))
        return problems

    def create(self) -> Tenant:
        tenant = Tenant.objects.create(
            name=self.name, slug=self.slug, kind=self.kind, parent_id=self.parent_id
        )
        Domain.objects.create(
            tenant=tenant, hostname=normalize_hostname(self.hostname), is_primary=True
        )
        return tenant

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> NewSite:
        return cls(**data)


@dataclass
class KindLine:
    label: str
    kind: str
    how: str
    count: int = 0  # items the sources hold
    moved: int = 0  # move as they are
    renamed: int = 0  # move with a new slug
    merged: int = 0  # the target's equal item stands for them (or counters added)
    skipped: int = 0  # stay on the archive
    unfinished: int = 0  # drafts and items waiting for review, moved as they are
    reason: str = ""


@dataclass
class Clash:
    kind: str
    source: str
    key: str
    resolution: str
    new_slug: str = ""


@dataclass
class MergePlan:
    source_ids: list[int]
    source_names: list[str]
    target_id: int | None
    target_name: str
    new_target: dict | None = None
    clash_modes: dict[str, str] = field(default_factory=dict)
    lines: list[KindLine] = field(default_factory=list)
    clashes: list[Clash] = field(default_factory=list)
    redirects: list[tuple[str, str]] = field(default_factory=list)  # a sample
    redirect_count: int = 0
    host_rules: list[tuple[str, str]] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    # A split: only these items move (model label → primary keys); None: a whole merge.
    selection: dict[str, list[int]] | None = None

    @property
    def total(self) -> int:
        return sum(line.moved + line.renamed + line.merged for line in self.lines)

    def to_json(self) -> dict:
        return asdict(self)

    @classmethod
    def from_json(cls, data: dict) -> MergePlan:
        data = dict(data)
        data["lines"] = [KindLine(**line) for line in data.get("lines", [])]
        data["clashes"] = [Clash(**clash) for clash in data.get("clashes", [])]
        return cls(**data)


def plan_merge(
    sources: Sequence[Tenant],
    target: Tenant | NewSite,
    *,
    categories: str = OnClash.MERGE,
    unfinished: str = "move",
) -> MergePlan:
    """A dry run: what merging `sources` into `target` would do. Writes nothing.

    `categories`: "merge" (a category of the same slug becomes the target's) or "rename"
    (kept apart under a new slug). `unfinished`: "move" (drafts move as they are) or
    "refuse" (the merge is refused while a source has unfinished items).
    """
    return build_plan(sources, target, categories=categories, unfinished=unfinished)


def build_plan(
    sources: Sequence[Tenant],
    target: Tenant | NewSite,
    *,
    categories: str = OnClash.MERGE,
    unfinished: str = "move",
    selection: dict[str, list[int]] | None = None,
) -> MergePlan:
    """The plan of a merge (`selection` None) or of a split (only the selected items of the
    one source move; the source stays live, so its hostnames keep answering)."""
    sources = list(sources)
    is_new = isinstance(target, NewSite)
    plan = MergePlan(
        source_ids=[s.pk for s in sources],
        source_names=[s.name for s in sources],
        target_id=None if is_new else target.pk,
        target_name=target.name,
        new_target=target.to_json() if is_new else None,
        clash_modes={"content.Category": OnClash(categories).value},
        selection=selection,
    )
    plan.errors = _refusals(sources, target, split=selection is not None)
    if plan.errors:
        return plan
    target_host = normalize_hostname(target.hostname) if is_new else hostnames_of(target)[0]
    plan._hosts = {source.pk: hostnames_of(source) for source in sources}
    for source in sources if selection is None else ():
        plan.host_rules += [(host, target_host) for host in plan._hosts[source.pk]]
    for rule in all_rules().values():
        plan.lines.append(_simulate(plan, rule, sources, None if is_new else target, target_host))
    plan.redirect_count += len(plan.host_rules)
    waiting = sum(line.unfinished for line in plan.lines)
    if waiting and unfinished == "refuse":
        plan.errors.append(
            _("Các mục được chọn còn %(n)s mục đang soạn hoặc chờ duyệt: xử lý xong rồi chia tách.")
            % {"n": waiting}
            if selection is not None
            else _(
                "Các đơn vị nguồn còn %(n)s mục đang soạn hoặc chờ duyệt: xử lý xong rồi sáp nhập."
            )
            % {"n": waiting}
        )
    elif waiting:
        plan.warnings.append(
            _("%(n)s mục đang soạn hoặc chờ duyệt sẽ được chuyển sang giữ nguyên trạng thái.")
            % {"n": waiting}
        )
    return plan


def _refusals(sources: list[Tenant], target: Tenant | NewSite, *, split: bool = False) -> list[str]:
    errors = []
    if not sources:
        return [_("Chọn ít nhất một đơn vị nguồn.")]
    if isinstance(target, NewSite):
        errors += target.errors()
    else:
        if target in sources:
            message = (
                _("Không thể tách các mục của %(name)s sang chính nó.")
                if split
                else _("Không thể sáp nhập đơn vị %(name)s vào chính nó.")
            )
            errors.append(message % {"name": target.name})
        for source in sources if not split else ():
            if source != target and target.is_descendant_of(source):
                errors.append(
                    _("Không thể sáp nhập %(source)s vào đơn vị cấp dưới của nó (%(target)s).")
                    % {"source": source.name, "target": target.name}
                )
        if not target.is_active:
            errors.append(_("Đơn vị đích %(name)s đã ngừng hoạt động.") % {"name": target.name})
        elif not hostnames_of(target):
            errors.append(_("Đơn vị đích %(name)s chưa có tên miền.") % {"name": target.name})
    for source in sources:
        if not source.is_active:
            errors.append(_("Đơn vị %(name)s đã ngừng hoạt động.") % {"name": source.name})
    involved = [s for s in sources] + ([] if isinstance(target, NewSite) else [target])
    busy = (
        SiteOperation.objects.filter(state__in=UNFINISHED_STATES)
        .filter(Q(sources__in=involved) | Q(target__in=involved))
        .order_by("pk")
        .first()
    )
    if busy is not None:
        errors.append(
            _("Đơn vị này đang trong thao tác #%(id)s chưa hoàn tất: chạy tiếp thao tác đó trước.")
            % {"id": busy.pk}
        )
    return errors


def _simulate(
    plan: MergePlan,
    rule: MoveRule,
    sources: list[Tenant],
    target: Tenant | None,
    target_host: str,
) -> KindLine:
    model = rule.model
    manager = model._base_manager
    line = KindLine(
        label=rule.label,
        kind=str(rule.kind or model._meta.verbose_name_plural),
        how=rule.how.value,
        reason=str(rule.reason),
    )
    mode = OnClash(plan.clash_modes.get(rule.label, rule.on_clash))
    names = [model._meta.get_field(name).attname for name in rule.unique]
    slug_index = rule.unique.index(rule.slug_field) if rule.slug_field in rule.unique else None
    taken = set()
    if target is not None and names and rule.how in (How.MOVE, How.CUSTOM):
        taken = {tuple(row) for row in manager.filter(tenant=target).values_list(*names)}
    selection = plan.selection
    if selection is not None and rule.label not in selection:
        return line  # a split moves only what was chosen
    for source in sources:
        if rule.how == How.REPOINT:
            line.count += sum(manager.filter(**{k: source}).count() for k in rule.repoint)
            line.moved = line.count
            continue
        items = manager.filter(**{rule.keys[0]: source})
        if selection is not None:
            items = items.filter(pk__in=selection[rule.label])
        count = items.count()
        line.count += count
        if rule.how == How.STAY:
            line.skipped += count
            continue
        if rule.unfinished is not None:
            line.unfinished += rule.unfinished(items).count()
        clashing = []
        for pk, *key in items.order_by("pk").values_list("pk", *names):
            key = tuple(key)
            if not names or None in key or key not in taken:
                line.moved += 1
                taken.add(key)
            else:
                clashing.append((pk, key))
        if selection is not None and rule.url:
            # The source stays live: each item that leaves it needs its own redirect.
            for obj in items.exclude(pk__in=[pk for pk, _key in clashing]).order_by("pk"):
                _redirect(plan, source, rule.url(obj), target_host, rule.url(obj))
        for pk, key in clashing:
            _clash(plan, line, rule, mode, source, pk, key, taken, slug_index, target_host)
    return line


def _clash(plan, line, rule, mode, source, pk, key, taken, slug_index, target_host) -> None:
    clash = Clash(
        kind=line.kind, source=source.name, key=" / ".join(map(str, key)), resolution=mode.value
    )
    if mode == OnClash.RENAME and slug_index is not None:
        slugs = {k[slug_index] for k in taken}
        max_length = rule.model._meta.get_field(rule.slug_field).max_length or 50
        new_slug = free_slug(key[slug_index], source.slug, max_length, slugs.__contains__)
        taken.add(key[:slug_index] + (new_slug,) + key[slug_index + 1 :])
        clash.new_slug = new_slug
        line.renamed += 1
        if rule.url:
            obj = rule.model._base_manager.get(pk=pk)
            old = rule.url(obj)
            setattr(obj, rule.slug_field, new_slug)
            _redirect(plan, source, old, target_host, rule.url(obj))
    elif mode in (OnClash.MERGE, OnClash.SUM):
        line.merged += 1
        if rule.url and mode == OnClash.MERGE:
            obj = rule.model._base_manager.get(pk=pk)
            names = [rule.model._meta.get_field(n).attname for n in rule.unique]
            lookup = dict(zip(names, key, strict=True))
            manager = rule.model._base_manager
            equal = manager.filter(tenant_id=plan.target_id, **lookup).first()
            if equal is not None and rule.url(obj) != rule.url(equal):
                _redirect(plan, source, rule.url(obj), target_host, rule.url(equal))
    else:
        line.skipped += 1
    # Skips and sums are counted on their line; the list shows what changes an address.
    if mode in (OnClash.RENAME, OnClash.MERGE) and len(plan.clashes) < REDIRECT_SAMPLE:
        plan.clashes.append(clash)


def _redirect(plan: MergePlan, source: Tenant, old: str, target_host: str, new: str) -> None:
    for host in plan._hosts[source.pk]:
        plan.redirect_count += 1
        if len(plan.redirects) < REDIRECT_SAMPLE:
            plan.redirects.append((f"{host}{old}", f"{target_host}{new}"))
