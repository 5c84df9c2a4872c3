SCHEDULE = {
    "social-send-due": {"task": "social.tasks.send_due", "schedule": 60.0},
}
