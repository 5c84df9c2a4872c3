"""Demo data: satisfaction responses and page ratings on several sites, two polls."""

from __future__ import annotations

from datetime import timedelta

from django.utils import timezone

from .models import PageRating, Poll, PollOption, PollVote, SatisfactionResponse

# A deterministic spread of answers: (interface, content, quality, interaction, support)
PATTERNS = [
    ("easy", "meets", "good", "satisfied", "meets"),
    ("easy", "meets", "fair", "satisfied", "partly"),
    ("normal", "partly", "fair", "acceptable", "meets"),
    ("easy", "meets", "good", "acceptable", "meets"),
    ("hard", "not", "average", "dissatisfied", "not"),
]


def _responses(tenant, count: int) -> None:
    now = timezone.now()
    for i in range(count):
        interface, content, quality, interaction, support = PATTERNS[i % len(PATTERNS)]
        SatisfactionResponse.objects.get_or_create(
            tenant=tenant,
            visitor_hash=f"demo-{i:04d}",
            defaults={
                "interface": interface,
                "content": content,
                "quality": quality,
                "interaction": interaction,
                "support": support,
                "other_requests": "Đề nghị bổ sung lịch tiếp công dân." if i == 2 else "",
                "created_at": now - timedelta(days=i % 40),
            },
        )
        PageRating.objects.get_or_create(
            tenant=tenant,
            path="/",
            visitor_hash=f"demo-{i:04d}",
            defaults={"useful": i % 4 != 3, "created_at": now - timedelta(days=i % 40)},
        )


def _poll(tenant, question_vi, question_en, options, votes) -> None:
    poll, created = Poll.objects.get_or_create(
        tenant=tenant,
        question_vi=question_vi,
        defaults={"question_en": question_en},
    )
    if not created:
        return
    made = [
        PollOption.objects.create(poll=poll, text_vi=vi, text_en=en, order=n)
        for n, (vi, en) in enumerate(options)
    ]
    serial = 0
    for option, count in zip(made, votes, strict=True):
        for _ in range(count):
            PollVote.objects.create(poll=poll, option=option, visitor_hash=f"demo-{serial:04d}")
            serial += 1


def seed(tenants: dict, out) -> None:
    sizes = {"sonlam": 40, "sotaichinh": 15, "xahoabinh": 12}
    for slug, count in sizes.items():
        if slug in tenants:
            _responses(tenants[slug], count)
    for slug in ("sonlam", "xahoabinh"):
        if slug in tenants:
            _poll(
                tenants[slug],
                "Bạn đánh giá thế nào về Trang thông tin điện tử?",
                "What do you think of this website?",
                [
                    ("Rất hữu ích", "Very useful"),
                    ("Hữu ích", "Useful"),
                    ("Bình thường", "Fair"),
                    ("Chưa hữu ích", "Not useful"),
                ],
                [18, 12, 6, 4],
            )
    out.write("surveys: satisfaction responses, page ratings, polls")
