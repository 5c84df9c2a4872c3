"""Models of the content app: categories, articles, media, about information, links."""

from .about import ContactOfficial, HistoryEntry, Leader, LocalityPage, OrgUnit
from .article import Article, ArticleAttachment, ArticleRevision, Syndication, SyndicationStatus
from .category import Category, CategoryKind
from .links import Alert, Banner, Link, LinkGroup, SiteHero
from .media import Image

__all__ = [
    "Alert",
    "Article",
    "ArticleAttachment",
    "ArticleRevision",
    "Banner",
    "Category",
    "CategoryKind",
    "ContactOfficial",
    "HistoryEntry",
    "Image",
    "Leader",
    "Link",
    "LinkGroup",
    "LocalityPage",
    "OrgUnit",
    "SiteHero",
    "Syndication",
    "SyndicationStatus",
]
