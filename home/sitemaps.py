from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careers.models import Career
from certifications.models import Certification
from skills.models import Skill


class StaticSitemap(Sitemap):
    def items(self):
        return ["home", "orientation:page", "careers:list", "certifications:list", "skills:list"]

    def location(self, item):
        return reverse(item)


class CareerSitemap(Sitemap):
    def items(self):
        return Career.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, career):
        return career.updated_at


class CertificationSitemap(Sitemap):
    def items(self):
        return Certification.objects.published().only("slug").order_by("pk")


class SkillSitemap(Sitemap):
    def items(self):
        return Skill.objects.only("slug").order_by("pk")


SITEMAPS = {
    "pages": StaticSitemap,
    "metiers": CareerSitemap,
    "certifications": CertificationSitemap,
    "competences": SkillSitemap,
}
