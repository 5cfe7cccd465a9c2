"""How many published careers name each vocabulary item, kept by the database.

The skill list, the career list's facets and the vocabulary's API show these counts.
Counting them at read time meant counting every link of the catalogue (177 000 at
2 000 careers and the ROME's 1 584 fiches: 12 ms of SQL on SQLite, 60 ms for the
skill list) once per process after every write to the vocabulary, and after an import
every process did it again. Triggers (migrations 0015 and 0017) keep one row per item
instead, from the item's creation (0 until a published career names it), in the
transaction of the write, whichever way the write is made: a save, bulk_create,
QuerySet.update or delete, loaddata, raw SQL. Publishing or withdrawing a career moves
the count of each item it names; a link of an unpublished career counts for nothing.

Nothing in the site writes these rows. A row saved from Python anyway (loaddata
restoring a dump, before or after the links it counts) is counted again at once:
whatever count it carried, the table stays the truth.
"""

from django.db import models
from django.db.models import Count, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_save

from skills.models import Skill


class SkillUsage(models.Model):
    skill = models.OneToOneField(
        Skill,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="usage",
        verbose_name="élément",
    )
    careers = models.PositiveIntegerField("fiches publiées qui le citent")

    class Meta:
        verbose_name = "usage d'un élément du référentiel"
        verbose_name_plural = "usages des éléments du référentiel"
        # The most cited first (careers.querysets.most_cited walks it from the top).
        indexes = [models.Index(fields=["-careers", "skill"], name="skillusage_most_cited")]

    def __str__(self) -> str:
        return f"{self.skill} : {self.careers}"


def _count_again(sender, instance: SkillUsage, **kwargs) -> None:
    from .models import CareerSkill

    links = (
        CareerSkill.objects.filter(skill=OuterRef("skill"), career__is_published=True)
        .order_by()
        .values("skill")
        .annotate(count=Count("*"))
        .values("count")
    )
    SkillUsage.objects.filter(pk=instance.pk).update(careers=Coalesce(Subquery(links), 0))


def connect() -> None:
    post_save.connect(_count_again, sender=SkillUsage, dispatch_uid="skill-usage-count-again")
