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
SCHEDULE["operations-purge-personal-data"] = {
    "task": "operations.tasks.purge_personal_data",
    "schedule": crontab(hour=2, minute=30),
}
# After the night's publishing, and again at noon so a day's news is in the copy.
SCHEDULE["operations-export-static"] = {
    "task": "operations.tasks.export_static_fallback",
    "schedule": crontab(hour="3,12", minute=0),
}
# A planned downtime starting: its sites' copy is refreshed once, just before.
SCHEDULE["operations-export-static-for-downtime"] = {
    "task": "operations.tasks.export_static_for_downtime",
    "schedule": 60.0,
}
