from celery.schedules import crontab

SCHEDULE = {
    "citizens-erase-inactive": {
        "task": "citizens.tasks.erase_inactive",
        "schedule": crontab(hour=2, minute=40),
    },
}
