SCHEDULE = {
    "search-drain-analytics": {
        "task": "search.tasks.drain_analytics",
        "schedule": 60.0,
    },
}
