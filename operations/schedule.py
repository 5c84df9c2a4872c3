SCHEDULE = {
    "operations-drain-outbox": {
        "task": "operations.tasks.drain_outbox",
        "schedule": 60.0,
    },
}
