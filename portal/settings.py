"""Settings, driven by the environment.

PostgreSQL is the only database engine. With no DATABASE_URL the project uses the
embedded PostgreSQL of this clone (var/pg, portal/embedded_db.py) when it is running —
`make demo`, `make run` and `make test` start it; with no REDIS_URL it uses the
local-memory cache and eager Celery. Production sets both.
"""

import os
from datetime import timedelta
from pathlib import Path

import dj_database_url
from django.utils.translation import gettext_lazy as _

from portal import embedded_db

BASE_DIR = Path(__file__).resolve().parent.parent


def env_bool(name: str, default: bool = False) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name: str, default: str = "") -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("DJANGO_DEBUG", False)
SECRET_KEY = os.environ.get(
    "SECRET_KEY", "insecure-demo-key-set-SECRET_KEY-in-production-0123456789abcdef"
)

# Hosts are validated against the Domain table by TenantMiddleware: an unknown
# host gets a 404 there. ALLOWED_HOSTS stays a coarse outer guard.
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "*")
# Hostnames a site administrator may give a site without approval: names strictly below
# one of these suffixes (Decree 224 Art. 11(4)), e.g. "sonlam.gov.vn". Anything else waits
# for the editorial board or a superuser (docs/security.md).
HOSTNAME_SUFFIXES = env_list("HOSTNAME_SUFFIXES", "")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "modeltranslation",  # must precede django.contrib.admin
    "portal.admin_config.PortalAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.forms",  # form widget templates for TemplatesSetting below
    "mptt",
    "auditlog",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django_prose_editor",  # the editors' rich-text editor's assets (content/widgets.py)
    "django_otp_webauthn",
    "portal",
    "tenants",
    "content",
    "documents",
    "procedures",
    "disclosure",
    "dialogue",
    "surveys",
    "search",
    "compliance",
    "accounts",
    "operations",
    "api",
    "opendata",
    "citizens",
    "importer",
    "social",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "operations.middleware.ContinuityMiddleware",
    "portal.middleware.SecurityHeadersMiddleware",
    "portal.static_files.StaticFilesMiddleware",  # WhiteNoise
    # Anonymous GETs answered from one Redis round trip, before the site is resolved.
    "portal.page_cache.PageCacheMiddleware",
    "portal.html_compact.CompactHtmlMiddleware",
    "portal.replicas.ReplicaReadsMiddleware",
    "tenants.middleware.TenantMiddleware",
    # Counts page views (compliance/visits.py) once the response is out.
    "compliance.middleware.VisitCounterMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    # The language a staff member chose for /admin/ (portal/admin_language.py).
    "portal.admin_language.AdminLanguageMiddleware",
    "api.gate.ApiGateMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.http.ConditionalGetMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    # Signs out a staff session idle for STAFF_IDLE_TIMEOUT_MINUTES (accounts/idle.py).
    "accounts.middleware.StaffIdleTimeoutMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "accounts.middleware.AuditlogMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

# Field templates of the project (portal/forms/honeypot_field.html) live in templates/:
# the default form renderer only looks in app directories.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "portal.context_processors.site",
                "citizens.context_processors.citizen_sign_in",
            ],
        },
    }
]

DATABASE_URL = os.environ.get("DATABASE_URL", "").strip() or embedded_db.running_url(
    embedded_db.Cluster(embedded_db.default_root(BASE_DIR))
)
if DATABASE_URL:
    DATABASES = {"default": dj_database_url.parse(DATABASE_URL, conn_max_age=60)}
    if "postgresql" in DATABASES["default"]["ENGINE"]:
        # No JIT: it compiles plans that merely look expensive (a search whose estimate
        # counts every match) for seconds, and web queries are short (search/engine.py).
        DATABASES["default"].setdefault("OPTIONS", {})["options"] = "-c jit=off"
else:
    # No database: every connection fails with a message saying how to get one.
    DATABASES = {"default": {"ENGINE": "portal.db_unset", "NAME": "govportal"}}
# Streaming replicas for anonymous reads (portal/replicas.py, docs/scaling.md).
DATABASE_REPLICA_URLS = os.environ.get("DATABASE_REPLICA_URLS", "").strip()
if DATABASE_REPLICA_URLS and DATABASE_URL:
    from portal.replicas import database_settings

    DATABASES.update(
        database_settings(DATABASE_REPLICA_URLS, DATABASES["default"], dj_database_url.parse)
    )
DATABASE_ROUTERS = ["portal.replicas.ReplicaRouter"]
# After a form is sent, that visitor reads the primary this long; cached pages are
# bumped again once replicas have surely replayed a change.
REPLICA_PIN_SECONDS = int(os.environ.get("REPLICA_PIN_SECONDS", "10"))
REPLICA_MAX_LAG_SECONDS = float(os.environ.get("REPLICA_MAX_LAG_SECONDS", "5"))
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

REDIS_URL = os.environ.get("REDIS_URL", "").strip()
if REDIS_URL:
    CACHES = {
        "default": {
            # Redis down degrades to cache misses, never to a 500 (portal/cache.py).
            "BACKEND": "portal.cache.ResilientRedisCache",
            "LOCATION": REDIS_URL,
            "KEY_PREFIX": os.environ.get("CACHE_KEY_PREFIX", "portal"),
            "TIMEOUT": 300,
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
# Values whose key holds a version counter (site, tree, menu, fragments), kept in the
# process in front of the shared cache: a page's shell without Redis round trips
# (portal/local_cache.py).
CACHES["versioned"] = {
    "BACKEND": "portal.local_cache.LocalFirstCache",
    "OPTIONS": {"SHARED": "default"},
}

# The garbage collector's thresholds in a serving process (portal/gc_tuning.py, called by
# portal/wsgi.py): "700,10,10" is CPython's default; empty leaves the collector alone.
SERVER_GC_THRESHOLDS = tuple(
    int(part) for part in env_list("SERVER_GC_THRESHOLDS", "50000,20,100") if part.strip()
)

# Whole-response cache of anonymous pages (portal/page_cache.py): the longest a page
# may show what no declared event announces (visit counts, a day's document statuses).
# 0 turns it off; it needs Redis.
PAGE_CACHE_SECONDS = int(os.environ.get("PAGE_CACHE_SECONDS", "300"))
# Never kept: the admin, the auditors' API and the CKAN API (own rules; the public read
# API /api/v1/ is kept, api/caching.py), citizens' accounts, search (each query is its
# own page: unbounded keys for a low hit rate).
PAGE_CACHE_SKIP_PREFIXES = (
    "/admin/",
    "/api/compliance/",
    "/api/3/",
    "/api/action/",
    "/tai-khoan/",
    "/en/tai-khoan/",
    "/tim-kiem/",
    "/en/tim-kiem/",
)

CELERY_BROKER_URL = os.environ.get("CELERY_BROKER_URL", "").strip() or REDIS_URL or "memory://"
# A refused or silent broker must answer fast: operations.outbox keeps the task meanwhile.
# max_retries 0: one connection attempt when a message is sent. Without it kombu retries
# for broker_connection_timeout (4 s) and more, even with send_task(retry=False): a
# citizen's question waited 6 s with the broker down (measured). The worker's own
# reconnection loop uses broker_connection_max_retries, not this.
CELERY_BROKER_TRANSPORT_OPTIONS = {"socket_connect_timeout": 1.0, "max_retries": 0}
CELERY_RESULT_BACKEND = None
CELERY_TASK_ALWAYS_EAGER = env_bool("CELERY_TASK_ALWAYS_EAGER", not REDIS_URL)
CELERY_TASK_EAGER_PROPAGATES = True
CELERY_TASK_ACKS_LATE = True
CELERY_TIMEZONE = "Asia/Ho_Chi_Minh"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", _("Tiếng Việt")), ("en", _("English"))]
LOCALE_PATHS = [BASE_DIR / "locale"]
USE_I18N = True
USE_TZ = True
# Day-first date input (dd/mm/yyyy) in both languages: portal/formats/<lang>/formats.py
FORMAT_MODULE_PATH = ["portal.formats"]
TIME_ZONE = "Asia/Ho_Chi_Minh"

MODELTRANSLATION_DEFAULT_LANGUAGE = "vi"
MODELTRANSLATION_LANGUAGES = ("vi", "en")
MODELTRANSLATION_FALLBACK_LANGUAGES = ("vi",)

STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "var" / "static"
STATIC_ROOT.mkdir(parents=True, exist_ok=True)  # WhiteNoise warns when it is missing
STATICFILES_DIRS = [BASE_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(os.environ.get("MEDIA_ROOT", BASE_DIR / "var" / "media"))
# Files citizens send (question and comment attachments): outside MEDIA_ROOT, never served
# by /media/, downloaded only by the handling staff through the admin (portal/files.py).
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT", BASE_DIR / "var" / "private"))
# Backups (docs/continuity.md): `manage.py backup` and the nightly task write here; empty
# turns the nightly task and the dashboard's stale-backup warning off.
BACKUP_DIR = os.environ.get("BACKUP_DIR", "")
BACKUP_KEEP_DAILY = int(os.environ.get("BACKUP_KEEP_DAILY", 7))
BACKUP_KEEP_MONTHLY = int(os.environ.get("BACKUP_KEEP_MONTHLY", 12))
BACKUP_MAX_AGE_HOURS = int(os.environ.get("BACKUP_MAX_AGE_HOURS", 26))
# A passphrase: archives are then written encrypted (AES-256-GCM, key by scrypt) as
# .tar.enc and restore needs the same value. Keep it apart from the backups.
BACKUP_ENCRYPTION_KEY = os.environ.get("BACKUP_ENCRYPTION_KEY", "")
# Or a file holding it (e.g. a systemd/docker secret, mode 0600): the key then never sits
# in the environment. Takes precedence over BACKUP_ENCRYPTION_KEY; `--key-file` over both.
BACKUP_ENCRYPTION_KEY_FILE = os.environ.get("BACKUP_ENCRYPTION_KEY_FILE", "")
PG_BIN_DIR = os.environ.get("PG_BIN_DIR", "")  # pg_dump/pg_restore of the server's version
# The static fallback nginx serves when the application is down (manage.py export_static,
# nightly); empty turns the nightly export off.
STATIC_FALLBACK_DIR = os.environ.get("STATIC_FALLBACK_DIR", "")
# Days citizens' personal data is kept before it is anonymised (operations/retention.py,
# nightly); the defaults and their legal basis are in docs/security.md.
PERSONAL_DATA_RETENTION_DAYS = {
    "questions": int(os.environ.get("RETENTION_QUESTIONS_DAYS", 5 * 365)),
    "comments": int(os.environ.get("RETENTION_COMMENTS_DAYS", 2 * 365)),
    "session_questions": int(os.environ.get("RETENTION_SESSION_QUESTIONS_DAYS", 2 * 365)),
    "ratings": int(os.environ.get("RETENTION_RATINGS_DAYS", 365)),
    "survey_answers": int(os.environ.get("RETENTION_SURVEY_DAYS", 365)),
    "audit_ip": int(os.environ.get("RETENTION_AUDIT_IP_DAYS", 365)),
}
STORAGES = {
    # Removes the partial file a full disk leaves and says so (portal/files.py).
    "default": {"BACKEND": "portal.files.SafeFileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = DEBUG
# The demo serves uploaded media itself; production puts a storage/CDN in front.
SERVE_MEDIA = env_bool("SERVE_MEDIA", True)

FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 10 * 1024 * 1024

# Security headers. HSTS is only sent by Django on HTTPS responses.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "strict-origin-when-cross-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
SECURE_HSTS_SECONDS = int(os.environ.get("SECURE_HSTS_SECONDS", 31536000))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https") if env_bool("BEHIND_PROXY") else None
SESSION_COOKIE_SECURE = env_bool("SECURE_COOKIES", False)
CSRF_COOKIE_SECURE = SESSION_COOKIE_SECURE
SESSION_COOKIE_HTTPONLY = True
X_FRAME_OPTIONS = "DENY"

LOGIN_URL = "admin:login"

# --- Staff sign-in security (docs/security.md) ---------------------------------------
# Behind N reverse proxies that each append to X-Forwarded-For, the client is the N-th
# entry from the right; 0 (no proxy) ignores the header. Used by every rate limit,
# lock-out and audit entry (portal/client_address.py).
TRUSTED_PROXY_COUNT = int(os.environ.get("TRUSTED_PROXY_COUNT", 0))
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# django-axes: after LOGIN_FAILURE_LIMIT failures an account and an address are locked
# (each on its own) for LOGIN_LOCKOUT_MINUTES; a success resets the count.
AXES_FAILURE_LIMIT = int(os.environ.get("LOGIN_FAILURE_LIMIT", 5))
AXES_COOLOFF_TIME = timedelta(minutes=int(os.environ.get("LOGIN_LOCKOUT_MINUTES", 30)))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "portal.client_address.client_address"
AXES_LOCKOUT_CALLABLE = "accounts.lockout.lockout_response"
AXES_HTTP_RESPONSE_CODE = 429
AXES_VERBOSE = False
# Staff (admin) sessions end after this many minutes without a request; 0 turns it off.
# Citizens' sessions are not staff sessions and are not affected (accounts/idle.py).
STAFF_IDLE_TIMEOUT_MINUTES = int(os.environ.get("STAFF_IDLE_TIMEOUT_MINUTES", 30))
# Second factor (django-otp: TOTP app + one-time recovery codes). "*" requires it of everyone
# with admin access; otherwise a list of roles (site_admin,approver,…), superusers always
# included; empty turns it off. A staff member without a device enrols on first sign-in.
SECOND_FACTOR_ROLES = env_list("SECOND_FACTOR_ROLES", "*")
RECOVERY_CODE_COUNT = 10
OTP_TOTP_ISSUER = os.environ.get("OTP_TOTP_ISSUER", "Cổng thông tin điện tử")
# Security keys / passkeys (django-otp-webauthn) as a second factor, never instead of the
# password; the relying party is the host or its HOSTNAME_SUFFIXES entry (accounts/webauthn.py).
OTP_WEBAUTHN_ALLOW_PASSWORDLESS_LOGIN = False
OTP_WEBAUTHN_HELPER_CLASS = "accounts.webauthn.PortalWebAuthnHelper"
OTP_WEBAUTHN_RP_ID_CALLABLE = "accounts.webauthn.rp_id_for_request"
OTP_WEBAUTHN_RP_NAME = OTP_TOTP_ISSUER
# The allowed origin is the request's own, checked per request by the helper above: the
# library's check for a fixed OTP_WEBAUTHN_ALLOWED_ORIGINS list does not apply.
SILENCED_SYSTEM_CHECKS = ["otp_webauthn.E030"]
OTP_WEBAUTHN_EXCEPTION_LOGGER_NAME = "accounts.webauthn"

EMAIL_BACKEND = os.environ.get("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
EMAIL_HOST = os.environ.get("EMAIL_HOST", "localhost")
EMAIL_PORT = int(os.environ.get("EMAIL_PORT", 25))
EMAIL_HOST_USER = os.environ.get("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = os.environ.get("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = os.environ.get("DEFAULT_FROM_EMAIL", "no-reply@localhost")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("LOG_LEVEL", "WARNING")},
    "loggers": {
        # pyhanko's certificate validator logs expected path-building failures.
        "pyhanko_certvalidator": {"level": "ERROR"},
    },
}

AUDITLOG_INCLUDE_ALL_MODELS = False

# --- Knobs of the apps: each read from the environment here, once (tests/portal/
# test_settings.py fails on an os.environ read inside an app module).
# Citizens' attachments (dialogue): personal data, outside MEDIA_ROOT, never served.
PRIVATE_MEDIA_ROOT = Path(os.environ.get("PRIVATE_MEDIA_ROOT") or BASE_DIR / "var" / "private")
# Compliance exports (data of many sites), handed out by the admin's download view only.
COMPLIANCE_EXPORT_ROOT = Path(
    os.environ.get("COMPLIANCE_EXPORT_ROOT") or BASE_DIR / "var" / "private"
)
# The visit counter's Redis; empty: REDIS_URL (docs/compliance.md).
COMPLIANCE_VISITS_REDIS_URL = os.environ.get("COMPLIANCE_VISITS_REDIS_URL", "").strip()
# Measure every site through one server (e.g. the local nginx) instead of its hostname.
COMPLIANCE_FETCH_BASE = os.environ.get("COMPLIANCE_FETCH_BASE", "").strip()
# The browser of the accessibility checks (and of the browser tests): Debian's
# chromium-headless-shell where it is installed — Chromium's engine without the desktop
# browser around it, which measured 181 sites in 20 % less machine time (docs/performance.md,
# stop 36) with the same findings — else the full /usr/bin/chromium.
COMPLIANCE_CHROMIUM = os.environ.get("COMPLIANCE_CHROMIUM") or (
    "/usr/bin/chromium-headless-shell"
    if os.path.exists("/usr/bin/chromium-headless-shell")
    else "/usr/bin/chromium"
)
# Signature verification (docs/documents.md): trusted CA files (os.pathsep-separated),
# where seed_demo writes its demo CA, and whether that CA is trusted (0 in production).
DOCUMENTS_TRUST_ROOTS = [
    part for part in os.environ.get("DOCUMENTS_TRUST_ROOTS", "").split(os.pathsep) if part.strip()
]
DOCUMENTS_SIGNING_DIR = Path(
    os.environ.get("DOCUMENTS_SIGNING_DIR") or BASE_DIR / "var" / "signing"
)
DOCUMENTS_TRUST_DEMO_CA = os.environ.get("DOCUMENTS_TRUST_DEMO_CA", "1").strip().lower() not in (
    "0",
    "false",
)
# TrueType font of the visible signature stamp; empty: DejaVu Sans where installed.
DOCUMENTS_STAMP_FONT = os.environ.get("DOCUMENTS_STAMP_FONT", "").strip()

# Continuity (docs/operations.md): seconds a 503 asks clients to wait, and the free space
# under which /readyz reports an upload disk as low.
OUTAGE_RETRY_AFTER = int(os.environ.get("OUTAGE_RETRY_AFTER", 30))
DISK_LOW_FREE_BYTES = int(os.environ.get("DISK_LOW_FREE_BYTES", 512 * 1024 * 1024))

# Public read API (api/): requests per minute for an anonymous client; a registered
# consumer (compliance.ApiConsumer, with a token) has its own rate_per_minute.
API_ANON_RATE_PER_MINUTE = int(os.environ.get("API_ANON_RATE_PER_MINUTE", 120))

# Optional citizen sign-in through OpenID Connect (VNeID or the provincial identity
# platform): off while the issuer, client id or secret is unset (docs/channels.md).
CITIZEN_OIDC_ISSUER = os.environ.get("CITIZEN_OIDC_ISSUER", "").strip()
CITIZEN_OIDC_CLIENT_ID = os.environ.get("CITIZEN_OIDC_CLIENT_ID", "").strip()
CITIZEN_OIDC_CLIENT_SECRET = os.environ.get("CITIZEN_OIDC_CLIENT_SECRET", "").strip()
CITIZEN_OIDC_SCOPES = os.environ.get("CITIZEN_OIDC_SCOPES", "openid profile email phone")
CITIZEN_OIDC_PROVIDER_NAME = os.environ.get("CITIZEN_OIDC_PROVIDER_NAME", "VNeID")
CITIZEN_OIDC_TIMEOUT = float(os.environ.get("CITIZEN_OIDC_TIMEOUT", 5))
# Retention (Decree 13/2023): a citizen account unused this long is deleted with its
# personal data by a nightly task (citizens.tasks.erase_inactive).
CITIZEN_INACTIVE_DAYS = int(os.environ.get("CITIZEN_INACTIVE_DAYS", 730))

# Social publishing (social/, docs/channels.md). Keys: Fernet keys, comma-separated, the
# first encrypts the channels' tokens and all decrypt (rotation); empty: derived from
# SECRET_KEY. Base URLs: the networks' APIs (tests point them at local stubs).
SOCIAL_CREDENTIALS_KEYS = os.environ.get("SOCIAL_CREDENTIALS_KEYS", "")
SOCIAL_FACEBOOK_GRAPH_URL = os.environ.get(
    "SOCIAL_FACEBOOK_GRAPH_URL", "https://graph.facebook.com/v21.0"
)
SOCIAL_ZALO_OA_URL = os.environ.get("SOCIAL_ZALO_OA_URL", "https://openapi.zalo.me/v2.0")
SOCIAL_ZALO_OAUTH_URL = os.environ.get(
    "SOCIAL_ZALO_OAUTH_URL", "https://oauth.zaloapp.com/v4/oa/access_token"
)
SOCIAL_LINK_SCHEME = os.environ.get("SOCIAL_LINK_SCHEME", "https")
SOCIAL_TIMEOUT = float(os.environ.get("SOCIAL_TIMEOUT", 10))
SOCIAL_MAX_ATTEMPTS = int(os.environ.get("SOCIAL_MAX_ATTEMPTS", 8))
SOCIAL_MAX_AGE_DAYS = int(os.environ.get("SOCIAL_MAX_AGE_DAYS", 7))  # older: not posted
