"""Read queries on careers, named for what a reader asks of them."""

from django.db import models
from django.db.models import Count, OuterRef, Prefetch, Q, Subquery

from skills.models import SkillKind
from skills.text import normalise


class CareerQuerySet(models.QuerySet):
    def published(self) -> "CareerQuerySet":
        return self.filter(is_published=True)

    def search(self, query: str) -> "CareerQuerySet":
        """Every word of the query must appear, ignoring case and accents."""
        words = normalise(query).split()
        qs = self
        for word in words:
            qs = qs.filter(search_text__contains=word)
        return qs

    def with_starting_salary(self) -> "CareerQuerySet":
        """Annotate `starting_salary_min/max`: the first salary band of the sheet."""
        from .models import SalaryBand

        first_band = SalaryBand.objects.filter(career=OuterRef("pk")).order_by("position")
        return self.annotate(
            starting_salary_min=Subquery(first_band.values("min_eur")[:1]),
            starting_salary_max=Subquery(first_band.values("max_eur")[:1]),
        )

    def with_score(self, dimension: str) -> "CareerQuerySet":
        """Annotate `dimension_score`: the career's percent in one fulfilment dimension."""
        from .models import FulfilmentScore

        score = FulfilmentScore.objects.filter(career=OuterRef("pk"), dimension=dimension)
        return self.annotate(dimension_score=Subquery(score.values("percent")[:1]))

    def with_top_hard_skills(self, limit: int = 3) -> "CareerQuerySet":
        """Prefetch the hard skills with their scores, best first, as `top_hard_skills`.

        The prefetch loads every hard-skill link of the page's careers in one
        query; the card shows the first `limit`.
        """
        from .models import CareerSkill

        links = (
            CareerSkill.objects.filter(skill__kind=SkillKind.HARD)
            .select_related("skill")
            .order_by("-score", "position")
        )
        return self.prefetch_related(Prefetch("skill_links", links, to_attr="top_hard_skills"))

    def sharing_skills_with(self, career) -> "CareerQuerySet":
        """Other careers ranked by how many vocabulary items they share with `career`."""
        skill_ids = career.skill_links.values("skill_id")
        return (
            self.exclude(pk=career.pk)
            .annotate(
                shared_count=Count(
                    "skill_links", filter=Q(skill_links__skill_id__in=skill_ids), distinct=True
                )
            )
            .filter(shared_count__gt=0)
            .order_by("-shared_count", "title")
        )
