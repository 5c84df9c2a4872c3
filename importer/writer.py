"""Write one extracted page as an item of the target site, through the apps' own models
and rules: the sanitiser on save, the image library (re-encoded, renditions queued),
upload checks on attachments, the publishing workflow, the redirect table."""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass, field
from urllib.parse import unquote, urlsplit

import lxml.html
from django.core.exceptions import ValidationError
from django.core.files.storage import default_storage
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from content.models import Article, ArticleAttachment, Category, Image
from portal import publishing
from portal.publishing import PublicationStatus
from tenants.redirects import RedirectError, record_redirect
from tenants.site import primary_hostnames

from .extract import Extracted
from .fetch import Fetcher, FetchError, normalise_url
from .models import ImportItem, ImportRun, ItemKind, ItemState, SourceProfile

IMAGE_LABEL = "content.image"
ARTICLE_LABEL = "content.article"


@dataclass
class WriteContext:
    profile: SourceProfile
    run: ImportRun
    fetcher: Fetcher
    user: object = None  # publishes when the profile says so
    target_host: str = ""
    new_files: list[str] = field(default_factory=list)  # to delete if the item rolls back
    problems: list[str] = field(default_factory=list)

    @classmethod
    def make(cls, profile, run, fetcher, user=None) -> WriteContext:
        host = primary_hostnames([profile.tenant_id]).get(profile.tenant_id, "")
        return cls(profile=profile, run=run, fetcher=fetcher, user=user, target_host=host)

    def discard_files(self) -> None:
        for name in self.new_files:
            default_storage.delete(name)
        self.new_files.clear()


def content_hash(extracted: Extracted) -> str:
    parts = [extracted.title, str(extracted.published_at), extracted.summary, extracted.body]
    parts += [u for u, _a in extracted.images] + [u for u, _t in extracted.attachments]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def _file_name(url: str, fallback: str) -> str:
    name = os.path.basename(unquote(urlsplit(url).path)) or fallback
    return name[-120:]


def _download(ctx: WriteContext, url: str) -> bytes:
    return ctx.fetcher.fetch(url, file=True).body


def image_for(ctx: WriteContext, url: str, alt: str) -> Image | None:
    """The library image for an old image URL: reused when already imported, else
    downloaded, checked and re-encoded. A bad image is a problem, not a failure."""
    key = normalise_url(url)
    known = ImportItem.objects.filter(
        profile=ctx.profile, source_url=key, state=ItemState.DONE, target_label=IMAGE_LABEL
    ).first()
    if known:
        image = Image.objects.filter(pk=known.target_id, tenant_id=ctx.profile.tenant_id).first()
        if image:
            return image
    try:
        data = _download(ctx, url)
        image = Image(
            tenant_id=ctx.profile.tenant_id,
            file=SimpleUploadedFile(_file_name(url, "anh.jpg"), data),
            alt=(alt or _file_name(url, "Ảnh"))[:300],
        )
        image.full_clean()
        image.save()
    except FetchError as exc:
        ctx.problems.append(f"Ảnh {url}: {exc}")
        return None
    except ValidationError as exc:
        ctx.problems.append(f"Ảnh {url}: {'; '.join(exc.messages)}")
        return None
    ctx.new_files.append(image.file.name)
    ImportItem.objects.update_or_create(
        profile=ctx.profile,
        source_url=key,
        defaults={
            "run": ctx.run,
            "kind": ItemKind.FILE,
            "state": ItemState.DONE,
            "title": image.alt[:300],
            "target_label": IMAGE_LABEL,
            "target_id": image.pk,
            "new_path": default_storage.url(image.file.name),
        },
    )
    return image


def _attach(ctx: WriteContext, article: Article, url: str, title: str) -> str | None:
    try:
        data = _download(ctx, url)
        attachment = ArticleAttachment(
            article=article,
            title=(title or _file_name(url, "tep"))[:300],
            file=SimpleUploadedFile(_file_name(url, "tep.pdf"), data),
        )
        attachment.full_clean()
        attachment.save()
    except FetchError as exc:
        ctx.problems.append(f"Tệp {url}: {exc}")
        return None
    except ValidationError as exc:
        ctx.problems.append(f"Tệp {url}: {'; '.join(exc.messages)}")
        return None
    ctx.new_files.append(attachment.file.name)
    return default_storage.url(attachment.file.name)


def _replace_urls(body: str, mapping: dict[str, str]) -> str:
    if not body or not mapping:
        return body
    fragment = lxml.html.fragment_fromstring(body, create_parent="div")
    for element, attribute, link, _pos in list(fragment.iterlinks()):
        new = mapping.get(normalise_url(link)) if attribute in ("href", "src") else None
        if new:
            element.set(attribute, new)
    return "".join(
        [fragment.text or ""] + [lxml.html.tostring(c, encoding="unicode") for c in fragment]
    )


def write_article(
    ctx: WriteContext, extracted: Extracted, category: Category, existing: Article | None
) -> Article:
    """Create (or update) the article of one old page. Runs inside the caller's transaction."""
    article = existing or Article(tenant_id=ctx.profile.tenant_id, status=PublicationStatus.DRAFT)
    article.category = category
    article.title_vi = extracted.title[:300]
    article.summary_vi = extracted.summary
    article.published_at = extracted.published_at
    article.source = extracted.url[:300]
    mapping: dict[str, str] = {}
    cover = None
    for url, alt in extracted.images:
        image = image_for(ctx, url, alt or extracted.title)
        if image is not None:
            mapping[normalise_url(url)] = default_storage.url(image.file.name)
            cover = cover or image
    # Pictures point at the library before the first save: an article body keeps only
    # pictures of our own media (content.sanitize.sanitize_body); a picture that could
    # not be brought in is dropped, and listed in the run's problems by image_for.
    article.body_vi = _replace_urls(extracted.body, mapping)
    article.cover = article.cover or cover
    article.save()
    if existing is not None:
        for old in article.attachments.all():
            default_storage.delete(old.file.name)
            old.delete()
    for url, title in extracted.attachments:
        new_url = _attach(ctx, article, url, title)
        if new_url:
            mapping[normalise_url(url)] = new_url
    body = _replace_urls(article.body_vi, mapping)
    if body != article.body_vi:
        article.body_vi = body  # the second save only when files were brought in
        article.save()
    if ctx.profile.publish and article.status != PublicationStatus.PUBLISHED:
        publishing.publish(article, by=ctx.user)
    return article


def new_path(article: Article) -> str:
    with translation.override("vi"):
        return article.get_absolute_url()


def record_old_url(ctx: WriteContext, source_url: str, path: str) -> None:
    """Each old hostname's path (and query) answers 301 to the new item."""
    parts = urlsplit(source_url)
    old = parts.path + (f"?{parts.query}" if parts.query else "")
    for host in ctx.profile.hostnames():
        try:
            record_redirect(
                hostname=host,
                path=old,
                target_host=ctx.target_host or host,
                target_path=path,
                reason="import",
                tenant=ctx.profile.tenant,
            )
        except RedirectError as exc:
            ctx.problems.append(str(exc))


def rewrite_links(profile: SourceProfile, run: ImportRun) -> int:
    """Links between imported pages point at the new items (after every page is in)."""
    mapping = dict(
        ImportItem.objects.filter(profile=profile, state=ItemState.DONE)
        .exclude(new_path="")
        .values_list("source_url", "new_path")
    )
    changed = 0
    ids = ImportItem.objects.filter(
        profile=profile, run=run, state=ItemState.DONE, target_label=ARTICLE_LABEL
    ).values_list("target_id", flat=True)
    for article in Article.objects.filter(tenant_id=profile.tenant_id, pk__in=list(ids)):
        body = _replace_urls(article.body_vi or "", mapping)
        if body != article.body_vi:
            Article.objects.filter(pk=article.pk).update(body_vi=body)
            changed += 1
    return changed
