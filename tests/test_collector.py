"""The cycle collector never comes back on from a worker thread."""

from __future__ import annotations

import gc
import threading

import pytest

from wellbeing_desktop import collector


@pytest.fixture(autouse=True)
def collector_on():
    gc.enable()
    yield
    collector.settle()
    gc.enable()


def test_pauses_nest_and_release_once():
    outer = collector.pause()
    inner = collector.pause()
    assert not gc.isenabled()
    inner.release()
    inner.release()  # a second release changes nothing
    assert not gc.isenabled()
    outer.release()
    assert gc.isenabled()


def test_a_pause_ending_on_a_worker_leaves_the_collector_off_until_the_main_thread_settles():
    hold = collector.pause()
    worker = threading.Thread(target=hold.release)
    worker.start()
    worker.join()
    assert not gc.isenabled()
    collector.settle()
    assert gc.isenabled()


def test_paused_context_on_a_worker():
    seen: list[bool] = []

    def work() -> None:
        with collector.paused():
            seen.append(gc.isenabled())

    worker = threading.Thread(target=work)
    worker.start()
    worker.join()
    assert seen == [False]
    assert not gc.isenabled()
    collector.settle()
    assert gc.isenabled()
