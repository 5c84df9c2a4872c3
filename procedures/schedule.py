from celery.schedules import crontab

SCHEDULE = {
    "procedures-nightly-sync": {
        "task": "procedures.tasks.sync_all_sources",
        "schedule": crontab(hour=2, minute=15),
    },
}
