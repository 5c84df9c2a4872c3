import factory
from django.utils import timezone

from surveys.models import PageRating, Poll, PollOption, SatisfactionResponse


class ResponseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = SatisfactionResponse

    interface = "easy"
    content = "meets"
    quality = "good"
    interaction = "satisfied"
    support = "meets"
    visitor_hash = factory.Sequence(lambda n: f"hash{n}")
    created_at = factory.LazyFunction(timezone.now)


class RatingFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = PageRating

    path = "/"
    useful = True
    visitor_hash = factory.Sequence(lambda n: f"hash{n}")


class PollFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Poll
        skip_postgeneration_save = True

    question_vi = factory.Sequence(lambda n: f"Bạn thấy trang này thế nào? ({n})")
    question_en = factory.Sequence(lambda n: f"How is this site? ({n})")

    @factory.post_generation
    def options(obj, create, extracted, **kwargs):
        if create:
            for n, text in enumerate(extracted or ["Tốt", "Khá", "Chưa tốt"]):
                PollOption.objects.create(poll=obj, text_vi=text, text_en=text, order=n)
