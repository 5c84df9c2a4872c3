"""Static files: WhiteNoise's index, built once per process (portal/static_files.py)."""

import os
import time

from whitenoise.middleware import WhiteNoiseMiddleware

from portal.static_files import StaticFilesMiddleware


def test_the_index_is_whitenoise_own_with_the_same_headers():
    plain = WhiteNoiseMiddleware(lambda request: None)
    shared = StaticFilesMiddleware(lambda request: None)
    assert sorted(shared.files) == sorted(plain.files)
    assert "/static/css/site.css" in shared.files
    for url in ("/static/css/site.css", "/static/admin/css/base.css"):
        mine = dict(shared.files[url].get_response("GET", {}).headers)
        theirs = dict(plain.files[url].get_response("GET", {}).headers)
        assert mine == theirs


def test_a_second_chain_reuses_the_files_and_a_changed_file_gets_new_headers(tmp_path, settings):
    settings.STATIC_ROOT = tmp_path
    script = tmp_path / "moi.js"
    script.write_text("var a = 1;")
    first = StaticFilesMiddleware(lambda request: None)
    assert (
        StaticFilesMiddleware(lambda request: None).files["/static/moi.js"]
        is first.files["/static/moi.js"]
    )
    script.write_text("var a = 12345;")
    later = time.time() + 5
    os.utime(script, (later, later))
    changed = StaticFilesMiddleware(lambda request: None).files["/static/moi.js"]
    assert changed is not first.files["/static/moi.js"]
    assert dict(changed.get_response("GET", {}).headers)["Content-Length"] == "14"
