from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.static import serve

from citizens import views as citizen_views

from . import views

# The admin, robots.txt, the favicon, the theme stylesheet and the sitemaps have no
# language; every public page lives at / in Vietnamese and under /en/ in English.
urlpatterns = [
    # Security keys / passkeys: the WebAuthn ceremony's endpoints (accounts/webauthn.py).
    path("admin/khoa-bao-mat/", include("accounts.webauthn_urls")),
    path("admin/", admin.site.urls),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
    path("theme.css", views.theme_css, name="theme_css"),
    path("sitemap.xml", views.sitemap_index, name="sitemap"),
    path("sitemap-<str:section>.xml", views.sitemap_section, name="sitemap_section"),
    path("", include("api.urls")),
    path("", include("opendata.ckan_urls")),
    # One redirect URI for both languages: registered once with the identity provider.
    path("tai-khoan/oidc/callback/", citizen_views.callback, name="citizen_callback"),
]

if settings.SERVE_MEDIA:
    urlpatterns += [
        re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}),
    ]

urlpatterns += i18n_patterns(
    path("", views.home, name="home"),
    path("", include("search.urls")),
    path("", include("tenants.urls")),
    path("", include("content.urls")),
    path("", include("documents.urls")),
    path("", include("procedures.urls")),
    path("", include("disclosure.urls")),
    path("", include("dialogue.urls")),
    path("", include("surveys.urls")),
    path("", include("compliance.urls")),
    path("", include("opendata.urls")),
    path("", include("citizens.urls")),
    path("", include("operations.urls")),
    prefix_default_language=False,
)

handler400 = "portal.errors.bad_request_page"
handler403 = "portal.errors.permission_denied"
handler404 = "portal.errors.page_not_found"
handler500 = "portal.errors.server_error"
