

def test_no_cycle_collection_while_a_background_task_runs(qtbot) -> None:
    """A collection on a worker thread can free Qt objects from the wrong thread."""
    import gc

    from wellbeing_desktop.ui.tasks import TaskRunner

    runner = TaskRunner()
    seen: list[bool] = []
    with qtbot.waitSignal(runner.busy_changed, timeout=10_000, check_params_cb=lambda b: not b):
        runner.run(lambda: gc.isenabled(), on_result=seen.append)
    assert seen == [False]
    assert gc.isenabled()
