from .consultation import Comment, CommentStatus, Consultation
from .document import (
    Attachment,
    Document,
    DocumentField,
    DocumentKind,
    DocumentType,
    LegalStatus,
    Relation,
    RelationKind,
    SigningCredential,
    SigningState,
)

__all__ = [
    "Attachment",
    "Comment",
    "CommentStatus",
    "Consultation",
    "Document",
    "DocumentField",
    "DocumentKind",
    "DocumentType",
    "LegalStatus",
    "Relation",
    "RelationKind",
    "SigningCredential",
    "SigningState",
]
