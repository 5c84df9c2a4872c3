"""Shared fixtures: a small province tree with one site per branch, users per role,
and clients bound to a site's hostname."""

import os

import pytest
from django.conf import settings
from django.core.cache import cache
from django.test import Client, TransactionTestCase
from django.utils import translation

from tenants.models import Role, TenantKind
from tests.harness import emptying, template_db
from tests.tenants.factories import MembershipFactory, TenantFactory, UserFactory


def pytest_configure(config):
    from django.conf import settings

    engine = settings.DATABASES["default"]["ENGINE"]
    if engine == "portal.db_unset":
        from portal.db_unset.base import MESSAGE

        raise pytest.UsageError(MESSAGE)
    if "postgresql" not in engine:
        raise pytest.UsageError(
            f"The suite runs on PostgreSQL only: set DATABASE_URL (make test does). Got {engine}."
        )
    if os.environ.get("CI") and not os.environ.get("REDIS_URL"):
        raise pytest.UsageError("CI runs against Redis: set REDIS_URL (make test does).")
    _own_redis_database_per_worker(settings)
    # Production hashes with PBKDF2 (1,000,000 rounds, ~0.4 s a password on this machine);
    # the suite creates and signs in thousands of users, and what it tests is who may do
    # what, not the hash. tests/accounts/test_password_hashing.py checks production's.
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
    TransactionTestCase._fixture_teardown = emptying.fixture_teardown


def pytest_collection_finish(session):
    """Once every test module is imported, the test process's garbage collector is tuned
    as a web process's is (portal/gc_tuning.py): Django, the apps and the test modules are
    frozen, and the young generation is collected less often. Full collections walked
    that whole heap again and again; measured on tests/content + tests/documents, user CPU
    34.6 s before, 28.0–28.8 s after."""
    from portal import gc_tuning

    gc_tuning.tune(settings.SERVER_GC_THRESHOLDS)


# Scopes that run as one piece on one worker: the demo package (seeded once for all of it,
# tests/demo/conftest.py) and the replica module (a primary and a replica started once).
IN_ONE_PIECE = ("tests/demo/", "tests/portal/test_replicas.py")


def pytest_xdist_make_scheduler(config, log):
    """pytest-xdist hands out tests one by one, except the IN_ONE_PIECE scopes, each sent
    whole to one worker. xdist orders scopes by size before the first hand-out, so these
    two (the longest set-ups of the suite, minutes each) start first, one per worker,
    instead of meeting on one worker or starting last. (xdist's own --dist loadgroup does
    not group under pytest 9.)"""
    from xdist.scheduler import LoadScopeScheduling

    class LongestFirstInOnePiece(LoadScopeScheduling):
        def _split_scope(self, nodeid: str) -> str:
            return next((scope for scope in IN_ONE_PIECE if nodeid.startswith(scope)), nodeid)

    return LongestFirstInOnePiece(config, log)


def _own_redis_database_per_worker(settings) -> None:
    """Under pytest-xdist, worker gwN uses Redis database base+N (modulo 16): the tests
    clear the cache around each test (flushdb), which must not empty another worker's.
    pytest-django creates one PostgreSQL test database per worker by itself."""
    worker = os.environ.get("PYTEST_XDIST_WORKER", "")
    if not worker.startswith("gw") or not settings.REDIS_URL:
        return
    base, _, database = settings.REDIS_URL.rstrip("/").rpartition("/")
    if not database.isdigit():
        base, database = settings.REDIS_URL.rstrip("/"), "0"
    url = f"{base}/{(int(database) + int(worker[2:])) % 16}"
    settings.REDIS_URL = url
    settings.CACHES["default"]["LOCATION"] = url


@pytest.fixture(scope="session")
def django_db_setup(
    request, django_test_environment, django_db_blocker, django_db_createdb,
    django_db_modify_db_settings,
):  # fmt: skip
    """This process's test database: a copy of the migrated template, which is built once
    and kept between runs (tests/harness/template_db.py); dropped at the end. Replaces
    pytest-django's own, which migrates in every process (`--reuse-db` has nothing left
    to save; `--create-db` rebuilds the template)."""
    from django.db import connection
    from pytest_django.fixtures import _get_databases_for_setup

    original_name = connection.settings_dict["NAME"]
    with django_db_blocker.unblock():
        template_db.clone_test_database(
            connection, build=_migrate_with_test_only_models, rebuild=django_db_createdb
        )
        emptying.keep_migrated_rows(connection)
        _, serialized = _get_databases_for_setup(request.session.items)
        if connection.alias in serialized:
            connection._test_serialized_contents = connection.creation.serialize_db_to_string()
    yield
    with django_db_blocker.unblock():
        template_db.drop_test_database(connection, original_name)


def _migrate_with_test_only_models() -> None:
    """The schema as Django's test runner makes it, plus the tables of the test-only
    publishable models (tests/portal/workflow_models.py, tests/search/models.py): the
    shared schedule walks every Publishable model, so their tables must exist whichever
    test registers them first."""
    from django.core.management import call_command
    from django.db import connection

    from tests.portal.workflow_models import Notice
    from tests.search.models import bulletin_model

    call_command("migrate", verbosity=0, interactive=False, run_syncdb=True)
    call_command("createcachetable", verbosity=0)
    with connection.schema_editor() as editor:
        editor.create_model(Notice)
        editor.create_model(bulletin_model())


_password_only_force_login = Client.force_login


def force_login_with_both_factors(self, user, backend=None):
    """Client.force_login as after the whole admin sign-in: the password step and a
    confirmed authenticator (a real django-otp device, the session key django_otp.login
    sets). The requirement stays on: a client that signs in with a password still meets
    the code step (tests/accounts/test_second_factor.py)."""
    from django_otp import DEVICE_ID_SESSION_KEY
    from django_otp.plugins.otp_totp.models import TOTPDevice

    _password_only_force_login(self, user, backend)
    device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name="test authenticator", confirmed=True)
    session = self.session
    session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()


@pytest.fixture(autouse=True)
def _force_login_signs_in_with_both_factors(monkeypatch):
    monkeypatch.setattr(Client, "force_login", force_login_with_both_factors)


@pytest.fixture(autouse=True)
def _page_cache_off(settings):
    """The views themselves are under test: the whole-response cache is on only where a
    test asks for it (the `page_cache` fixture, tests/portal/test_page_cache.py)."""
    settings.PAGE_CACHE_SECONDS = 0


@pytest.fixture
def page_cache(settings):
    if not settings.REDIS_URL:
        pytest.skip("the page cache needs Redis (REDIS_URL)")
    settings.PAGE_CACHE_SECONDS = 300
    from portal import page_cache as module

    module._site_of_host.clear()
    yield module
    from compliance import visit_batch

    with visit_batch._lock:  # views of cached pages must not reach a later test's Redis
        visit_batch._pending.clear()


@pytest.fixture(autouse=True)
def _fresh_cache():
    cache.clear()
    _no_downtime_notices()
    yield
    cache.clear()


def _no_downtime_notices():
    """A running site has its (usually empty) list of downtime notices cached, refilled on
    each change: a test starts from there, so page query budgets do not count it."""
    from operations import downtime

    cache.set(downtime.CACHE_KEY, [], downtime.CACHE_SECONDS)


@pytest.fixture(autouse=True)
def _vietnamese_after_each_test():
    """A request to /en/ leaves English active in this thread: later tests that read
    messages outside a request must start from the site's default language again."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def province(db):
    return TenantFactory(
        kind=TenantKind.PROVINCE,
        slug="tinh",
        name_vi="Tỉnh Thử Nghiệm",
        name_en="Test Province",
        hostname="portal.test",
    )


@pytest.fixture
def department(province):
    return TenantFactory(
        parent=province,
        kind=TenantKind.DEPARTMENT,
        slug="sotaichinh",
        name_vi="Sở Tài chính",
        name_en="Department of Finance",
    )


@pytest.fixture
def commune(province):
    return TenantFactory(
        parent=province, slug="xaa", name_vi="Xã An Bình", name_en="An Binh Commune"
    )


@pytest.fixture
def other_commune(province):
    return TenantFactory(
        parent=province, slug="xab", name_vi="Xã Bình Minh", name_en="Binh Minh Commune"
    )


@pytest.fixture
def district(province):
    return TenantFactory(
        parent=province,
        kind=TenantKind.DISTRICT,
        slug="huyencu",
        name_vi="Huyện Cũ",
        name_en="Former District",
        is_archived=True,
    )


@pytest.fixture
def district_commune(district):
    return TenantFactory(parent=district, slug="xacu", name_vi="Xã Cũ", name_en="Old Commune")


def _member(tenant, role, descendants=False):
    return MembershipFactory(tenant=tenant, role=role, include_descendants=descendants).user


@pytest.fixture
def commune_editor(commune):
    return _member(commune, Role.EDITOR)


@pytest.fixture
def commune_approver(commune):
    return _member(commune, Role.APPROVER)


@pytest.fixture
def commune_site_admin(commune):
    return _member(commune, Role.SITE_ADMIN)


@pytest.fixture
def other_commune_editor(other_commune):
    return _member(other_commune, Role.EDITOR)


@pytest.fixture
def board_member(province):
    """The provincial editorial board (Ban Biên tập): approver over the whole tree."""
    return _member(province, Role.APPROVER, descendants=True)


@pytest.fixture
def auditor(province):
    return _member(province, Role.AUDITOR, descendants=True)


@pytest.fixture
def superuser(db):
    return UserFactory(is_superuser=True)


@pytest.fixture
def site_client():
    """site_client(tenant, user=None) -> a test Client whose requests carry the site's Host."""

    def make(tenant, user=None):
        hostname = tenant.domains.get(is_primary=True).hostname
        client = Client(HTTP_HOST=hostname)
        if user is not None:
            client.force_login(user)
        return client

    return make
