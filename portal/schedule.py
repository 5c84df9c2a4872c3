SCHEDULE = {
    "publication-schedule": {
        "task": "portal.tasks.run_publication_schedule",
        "schedule": 60.0,
    },
}
