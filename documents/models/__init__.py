from .consultation import Comment, CommentStatus, Consultation
from .credential import CredentialKind, SigningCredential
from .document import (
    Attachment,
    Document,
    DocumentField,
    DocumentKind,
    DocumentType,
    LegalStatus,
    Relation,
    RelationKind,
    SigningState,
)

__all__ = [
    "Attachment",
    "Comment",
    "CommentStatus",
    "Consultation",
    "CredentialKind",
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
