"""factory-boy factories for every model the tests build by hand."""

import factory
from django.utils.text import slugify

from careers import models as careers
from certifications import models as certifications
from skills.models import RomeCode, Skill, SkillKind, ToolFamily


class SkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Skill
        django_get_or_create = ("slug",)

    kind = SkillKind.SOFT
    name = factory.Sequence(lambda n: f"Compétence {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class ToolFamilyFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = ToolFamily
        django_get_or_create = ("slug",)

    name = factory.Sequence(lambda n: f"Famille {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.name))


class CareerFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Career

    title = factory.Sequence(lambda n: f"Métier {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    summary = factory.LazyAttribute(lambda o: f"Le métier de {o.title} consiste à organiser.")
    search_text = factory.LazyAttribute(
        lambda o: slugify(f"{o.title} {o.summary}").replace("-", " ")
    )


class CareerSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.CareerSection

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    kind = careers.SectionKind.MISSIONS
    heading = "Les principales missions"
    intro = "Introduction de la section."


class FulfilmentScoreFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.FulfilmentScore

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    dimension = careers.Dimension.QUALITY_OF_LIFE
    percent = 65
    hint = "Équilibre vie pro/vie perso, charge mentale..."


class MissionBlockFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.MissionBlock

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)


class MissionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Mission

    block = factory.SubFactory(MissionBlockFactory)
    position = factory.Sequence(int)
    text = factory.Sequence(lambda n: f"Organiser les expéditions n°{n}")


class ToolGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.ToolGroup

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    family = factory.SubFactory(ToolFamilyFactory)
    description = "Ces outils permettent de suivre les stocks."


class CareerSkillFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.CareerSkill

    career = factory.SubFactory(CareerFactory)
    skill = factory.SubFactory(SkillFactory)
    position = factory.Sequence(int)
    description = "Description propre au métier."


class HardSkillLinkFactory(CareerSkillFactory):
    skill = factory.SubFactory(SkillFactory, kind=SkillKind.HARD)
    description = ""
    score = 80
    keywords = "Coordination, optimisation, flux..."


class ToolLinkFactory(CareerSkillFactory):
    skill = factory.SubFactory(SkillFactory, kind=SkillKind.TOOL)
    description = ""
    tool_group = factory.SubFactory(ToolGroupFactory, career=factory.SelfAttribute("..career"))


class ConstraintLinkFactory(CareerSkillFactory):
    skill = factory.SubFactory(SkillFactory, kind=SkillKind.CONSTRAINT)


class EducationLevelFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.EducationLevel

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    name = "BTS"
    level_label = "BAC +2"
    ects = 120
    description = "Le BTS est un diplôme de niveau Bac+2."


class ExperiencePathFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.ExperiencePath

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    title = "Expérience en tant qu'Assistant(e) Commercial(e)"
    description = "Une expérience utile."


class SalaryBandFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.SalaryBand

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    label = "DÉBUTANT"
    experience = "- de 3ans"
    min_eur = 22000
    max_eur = 26000


class FaqEntryFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.FaqEntry

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    question = factory.Sequence(lambda n: f"Question {n} ?")
    answer = "Réponse détaillée."


class CareerRomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.CareerRome

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    rome_code = factory.SubFactory("tests.factories.RomeCodeFactory")


class AppellationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Appellation

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    label = factory.Sequence(lambda n: f"Chef / Cheffe de quai {n}")


class SkillGroupFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.SkillGroup

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    kind = careers.SectionKind.SAVOIR_FAIRE
    label = "Organiser les flux de marchandises"


class RomeSkillLinkFactory(CareerSkillFactory):
    """A ROME savoir-faire of a fiche, under one of its enjeux."""

    skill = factory.SubFactory(
        SkillFactory,
        kind=SkillKind.SAVOIR_FAIRE,
        code_ogr=factory.Sequence(lambda n: str(100000 + n)),
    )
    description = ""
    group = factory.SubFactory(SkillGroupFactory, career=factory.SelfAttribute("..career"))


class SectorFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Sector

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    code = "16"
    label = "Transport et logistique"


class MobilityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = careers.Mobility

    career = factory.SubFactory(CareerFactory)
    position = factory.Sequence(int)
    target_code = "N1302"
    target_label = "Direction de site logistique"


class NsfCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.NsfCode
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"{300 + n}")
    label = "Transports, manutention, magasinage"


class RomeCodeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = RomeCode
        django_get_or_create = ("code",)

    code = factory.Sequence(lambda n: f"N{1000 + n}")
    label = "Intervention technique d'exploitation logistique"


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.Certification

    kind = certifications.CertificationKind.RNCP
    code = factory.Sequence(lambda n: f"RNCP {10000 + n}")
    title = factory.Sequence(lambda n: f"Manager des opérations {n}")
    slug = factory.LazyAttribute(lambda o: slugify(o.title))
    level = 7
    level_label = "7 (Nomenclature Europe)"
    certifying_body = "PROMOTRANS"
    summary = "Résumé du référentiel."


class CertificationRomeFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.CertificationRome

    certification = factory.SubFactory(CertificationFactory)
    position = factory.Sequence(int)
    rome_code = factory.SubFactory(RomeCodeFactory)
    label = "Intervention technique d'exploitation logistique"


class ComponentFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.Component

    certification = factory.SubFactory(CertificationFactory)
    position = factory.Sequence(int)
    label = factory.Sequence(lambda n: f"Bloc de compétence n°{n + 1}")
    title = factory.Sequence(lambda n: f"Concevoir et piloter {n}")
    description = "Descriptif du bloc."
    evaluation = "Études de cas."


class CompetenceFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.Competence

    component = factory.SubFactory(ComponentFactory)
    position = factory.Sequence(int)
    kind = certifications.CompetenceKind.SKILL
    code = factory.Sequence(lambda n: f"U1S{n}")
    text = "Trouver des informations"


class ActivityFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.Activity

    certification = factory.SubFactory(
        CertificationFactory, kind=certifications.CertificationKind.ERASMUS, code="", level=None
    )
    position = factory.Sequence(int)
    code = factory.Sequence(lambda n: f"Activité {n + 1}")
    title = "Etude des marchés pour le commerce international"


class ActivityTaskFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.ActivityTask

    activity = factory.SubFactory(ActivityFactory)
    position = factory.Sequence(int)
    code = factory.Sequence(lambda n: f"A1T{n + 1}")
    title = "Veille commerciale permanente"


class CertificationSectionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = certifications.CertificationSection

    certification = factory.SubFactory(CertificationFactory)
    position = factory.Sequence(int)
    heading = "Statistiques"
    body = "50 diplômés par an."
