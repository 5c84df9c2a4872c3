"""A draft seen as it will appear, on its site's own host: a signed link, valid a day.

The admin may be opened on any host, so the editor's session does not reach the site's
host: the link itself carries the permission (which article, which site), signed with
the project's secret key; it shows the article whatever its state, never indexed or cached.
"""

from __future__ import annotations

from django.core import signing
from django.http import HttpRequest

from portal.context_processors import request_origin_suffix
from tenants.site import primary_hostnames

from .models import Article

SALT = "content.preview"
MAX_AGE_SECONDS = 24 * 3600


def token_for(article: Article) -> str:
    return signing.dumps({"a": article.pk, "t": article.tenant_id}, salt=SALT)


def article_for(token: str, tenant) -> Article | None:
    """The article a valid, unexpired token names, if it belongs to `tenant`."""
    try:
        data = signing.loads(token, salt=SALT, max_age=MAX_AGE_SECONDS)
    except signing.BadSignature:  # includes SignatureExpired
        return None
    if not isinstance(data, dict) or data.get("t") != tenant.pk:
        return None
    return (
        Article.objects.for_tenant(tenant)
        .select_related("category", "cover")
        .filter(pk=data.get("a"))
        .first()
    )


def preview_url(article: Article, request: HttpRequest) -> str | None:
    """The preview's address on the article's own site (None: the site has no hostname)."""
    from django.urls import reverse

    hostname = primary_hostnames([article.tenant_id]).get(article.tenant_id)
    if hostname is None:
        return None
    path = reverse("content:preview", args=[token_for(article)])
    return f"{request.scheme}://{hostname}{request_origin_suffix(request)}{path}"
