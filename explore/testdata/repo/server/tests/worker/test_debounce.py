from acme.worker._debounce import TaskDebouncer


def test_task_debouncer_drops_burst() -> None:
    debouncer = TaskDebouncer()
    assert debouncer.should_run("k", 10.0)
    debouncer.touch("k")
    assert not debouncer.should_run("k", 10.0)
