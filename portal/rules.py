"""The common base of the exceptions rule functions raise when an action is not allowed.

Each rule family raises its own subclass (`portal.publishing.PublishingError`,
`content.syndication.SyndicationError`, `content.revisions.RevisionError`,
`dialogue.workflow.InquiryError`, `dialogue.sessions.ModerationError`,
`documents.signing.SigningError`); its message is in the user's language and is shown as
is. Admin code that runs rules of several families catches `RuleError`.
"""


class RuleError(Exception):
    """An action a rule refuses; the message is shown to the user as is."""
