"""Every setting is declared once, in portal/settings.py: no app module reads os.environ."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
READS = re.compile(r"\bos\.(environ|getenv)\b")
# Entry points that only default DJANGO_SETTINGS_MODULE (and the like) before Django starts.
BOOTSTRAP = re.compile(r"\bos\.environ\.setdefault\(")

# Files that may read the environment, and why.
ALLOWED = {
    "portal/settings.py": "the one place settings are read",
    "portal/embedded_db.py": "the embedded PostgreSQL is found before settings exist",
    "portal/embedded_cli.py": "the embedded PostgreSQL's command line, run without Django",
    "documents/signing.py": "a credential's passphrase, in the variable its row names",
    "operations/backup.py": "pg_dump/pg_restore inherit the process environment (PATH)",
    "scripts/faults.py": "a stand-alone fault test run without Django: its own FAULTS_* flags",
}
SKIPPED = {".venv", "node_modules", "tests", "migrations", ".git"}


def test_no_app_module_reads_the_environment():
    found = []
    for path in sorted(ROOT.rglob("*.py")):
        relative = path.relative_to(ROOT)
        if SKIPPED & set(relative.parts) or relative.as_posix() in ALLOWED:
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if READS.search(line) and not BOOTSTRAP.search(line):
                found.append(f"{relative}:{number}: {line.strip()}")
    assert not found, "declare these in portal/settings.py:\n" + "\n".join(found)


def test_the_allowed_files_exist():
    assert all((ROOT / name).exists() for name in ALLOWED)


def test_the_source_check_can_fail():
    assert READS.search('root = os.environ.get("EXPORT_ROOT")')
    assert BOOTSTRAP.search('os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings")')
