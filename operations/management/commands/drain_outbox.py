from django.core.management.base import BaseCommand

from operations import outbox


class Command(BaseCommand):
    help = "Send the Celery tasks kept in the outbox while the broker was unreachable."

    def handle(self, *args, **options) -> None:
        sent, left = outbox.drain()
        self.stdout.write(f"sent {sent}, left {left}")
