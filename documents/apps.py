from django.apps import AppConfig
from django.db.models.signals import post_delete, post_save
from django.utils.translation import gettext_lazy as _


class DocumentsConfig(AppConfig):
    name = "documents"
    verbose_name = _("Văn bản")

    def ready(self) -> None:
        from .listing_cache import bump_taxonomy
        from .models import Comment, DocumentField, DocumentType

        for model in (DocumentType, DocumentField):
            post_save.connect(bump_taxonomy, sender=model, dispatch_uid=f"docs-tax-save-{model}")
            post_delete.connect(bump_taxonomy, sender=model, dispatch_uid=f"docs-tax-del-{model}")
        # A deleted (or purged) comment takes its private file with it.
        post_delete.connect(_delete_comment_file, sender=Comment, dispatch_uid="comment-file")


def _delete_comment_file(sender, instance, **kwargs) -> None:
    if instance.attachment:
        instance.attachment.delete(save=False)
