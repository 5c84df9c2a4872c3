"""Staff passwords are stored with a slow, salted hash in production (the suite itself
uses a fast hasher: tests/conftest.py)."""

import importlib

from django.conf import global_settings

STRONG = {
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.ScryptPasswordHasher",
}


def test_production_settings_hash_new_passwords_with_a_slow_hasher():
    production = importlib.import_module("portal.settings")
    hashers = getattr(production, "PASSWORD_HASHERS", global_settings.PASSWORD_HASHERS)
    assert hashers[0] in STRONG
    assert "django.contrib.auth.hashers.MD5PasswordHasher" not in hashers
