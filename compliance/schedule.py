from celery.schedules import crontab

SCHEDULE = {
    "compliance-measure-due-sites": {
        "task": "compliance.tasks.measure_due_sites",
        "schedule": crontab(minute=0),
    },
    "compliance-flush-visits": {
        "task": "compliance.tasks.flush_visits",
        "schedule": 300.0,
    },
}
