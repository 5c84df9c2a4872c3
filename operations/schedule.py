from celery.schedules import crontab

SCHEDULE = {
    "operations-drain-outbox": {
        "task": "operations.tasks.drain_outbox",
        "schedule": 60.0,
    },
}

# Nightly backup at 01:30 (Asia/Ho_Chi_Minh) when BACKUP_DIR is set (operations/backup.py).
SCHEDULE["operations-nightly-backup"] = {
    "task": "operations.tasks.nightly_backup",
    "schedule": crontab(hour=1, minute=30),
}
