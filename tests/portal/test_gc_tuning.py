"""The serving processes' garbage collector (portal/gc_tuning.py): the start-up heap is
frozen, so a full collection no longer walks Django, the URL patterns and every view
module, and the young generation is collected less often."""

import gc
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

from portal import gc_tuning

PROBE = (
    "import gc, json, portal.wsgi;"
    "print(json.dumps({'thresholds': gc.get_threshold(), 'frozen': gc.get_freeze_count(),"
    " 'walked': len(gc.get_objects())}))"
)


def wsgi_process_heap(thresholds: str) -> dict:
    """What the collector sees in a fresh process that has loaded portal.wsgi."""
    env = {**os.environ, "SERVER_GC_THRESHOLDS": thresholds}
    done = subprocess.run(
        [sys.executable, "-c", PROBE],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        cwd=settings.BASE_DIR,
        check=True,
    )
    return json.loads(done.stdout.strip().splitlines()[-1])


@pytest.fixture
def restored_collector():
    """The thresholds come back; what a test froze stays frozen (the suite's own process
    is tuned the same way, tests/conftest.py, and unfreezing would undo that)."""
    thresholds = gc.get_threshold()
    yield
    gc.set_threshold(*thresholds)


def test_a_web_process_freezes_its_start_up_heap_and_collects_less_often():
    tuned = wsgi_process_heap("50000,20,100")
    untuned = wsgi_process_heap("")

    assert tuned["thresholds"] == [50000, 20, 100]
    assert untuned["thresholds"] == [700, 10, 10]  # CPython's own
    # Django, the apps, the URL patterns and every view module: frozen, never walked again.
    assert tuned["frozen"] > 50_000
    assert untuned["frozen"] == 0
    assert tuned["walked"] < untuned["walked"] / 20


def test_tune_sets_the_thresholds_and_an_empty_setting_leaves_the_collector_alone(
    restored_collector,
):
    before, frozen = gc.get_threshold(), gc.get_freeze_count()
    objects = [[index] for index in range(1000)]  # tracked by the collector, not yet frozen
    gc_tuning.tune(())
    assert gc.get_threshold() == before
    assert gc.get_freeze_count() == frozen

    gc_tuning.tune((40000, 15, 50))
    assert gc.get_threshold() == (40000, 15, 50)
    assert gc.get_freeze_count() >= frozen + len(objects)


def test_the_worker_processes_are_tuned_like_the_web_processes(restored_collector):
    from portal.celery import tune_garbage_collector

    gc.set_threshold(700, 10, 10)
    frozen = gc.get_freeze_count()
    objects = [[index] for index in range(1000)]
    tune_garbage_collector()
    assert gc.get_threshold() == settings.SERVER_GC_THRESHOLDS
    assert gc.get_freeze_count() >= frozen + len(objects)
