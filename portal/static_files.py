"""WhiteNoise, with the finders' file list and each static file's headers built once
per process.

Django builds the middleware chain again for every test client and for every page the
compliance measurement fetches in-process (compliance/fetch.py); WhiteNoise then stats
every static file and its compressed variants and builds its headers each time — about
97 % of building the chain. A served process builds the chain once, so it gains nothing
and loses nothing: a file changed on disk (another mtime or size) gets a new entry."""

from __future__ import annotations

import os

from django.contrib.staticfiles import finders
from whitenoise.middleware import WhiteNoiseMiddleware

_STATIC_FILES: dict[tuple, object] = {}
_FOUND: dict[str, dict[str, str]] = {}


class StaticFilesMiddleware(WhiteNoiseMiddleware):
    def add_files_from_finders(self):
        # The apps' static directories do not change while a process runs (development's
        # autorefresh mode never comes here).
        files = _FOUND.get(self.static_prefix)
        if files is None:
            files = _FOUND[self.static_prefix] = self._found_by_finders()
        stat_cache = {path: os.stat(path) for path in files.values()}
        for url, path in files.items():
            self.add_file_to_dictionary(url, path, stat_cache=stat_cache)

    def _found_by_finders(self) -> dict[str, str]:
        """WhiteNoise's own walk: the first finder that has a path wins."""
        files: dict[str, str] = {}
        for finder in finders.get_finders():
            for path, storage in finder.list(None):
                prefix = (getattr(storage, "prefix", None) or "").strip("/")
                url = f"{self.static_prefix}{prefix}{'/' if prefix else ''}"
                files.setdefault(url + path.replace("\\", "/"), storage.path(path))
        return files

    def get_static_file(self, path, url, stat_cache=None):
        stat = (stat_cache or {}).get(path) or os.stat(path)
        key = (
            path,
            url,
            stat.st_mtime_ns,
            stat.st_size,
            self.max_age,
            self.allow_all_origins,
            self.charset,
            self.static_prefix,
        )
        static_file = _STATIC_FILES.get(key)
        if static_file is None:
            static_file = _STATIC_FILES[key] = super().get_static_file(
                path, url, stat_cache=stat_cache
            )
        return static_file
