import os
import shutil
from pathlib import Path

import portal.files
from django.conf import settings
from django.db import migrations, models


def _move_files(apps, source: Path, target: Path) -> None:
    """Move each comment attachment's file between the public and private roots (same
    relative name, so the rows stay as they are)."""
    Comment = apps.get_model("documents", "Comment")
    for name in Comment.objects.exclude(attachment="").values_list("attachment", flat=True):
        old, new = source / name, target / name
        if old.is_file() and not new.exists():
            new.parent.mkdir(parents=True, exist_ok=True)
            shutil.move(os.fspath(old), os.fspath(new))


def to_private(apps, schema_editor):
    _move_files(apps, Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT))


def to_public(apps, schema_editor):
    _move_files(apps, Path(settings.PRIVATE_MEDIA_ROOT), Path(settings.MEDIA_ROOT))


class Migration(migrations.Migration):
    dependencies = [
        ("documents", "0006_english_freshness_and_labels"),
    ]

    operations = [
        migrations.AlterField(
            model_name="comment",
            name="attachment",
            field=models.FileField(
                blank=True,
                storage=portal.files.private_storage,
                upload_to=portal.files.TenantUploadPath("consultation-comments"),
                validators=[portal.files.UploadValidator({"doc", "docx", "pdf"}, 10485760)],
                verbose_name="tệp đính kèm",
            ),
        ),
        migrations.RunPython(to_private, to_public),
    ]
