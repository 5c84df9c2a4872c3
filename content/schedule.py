SCHEDULE = {
    "content-flush-view-counts": {
        "task": "content.tasks.flush_view_counts",
        "schedule": 300.0,
    },
}
