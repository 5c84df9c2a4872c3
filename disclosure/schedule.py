from celery.schedules import crontab

SCHEDULE = {
    "disclosure-refresh-states": {
        "task": "disclosure.tasks.refresh_record_states",
        "schedule": crontab(hour=0, minute=15),
    },
}
