"""The sitemap's sections, every address on the site's public URL (settings.SITE_URL)."""

from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from careers.models import Career
from certifications.models import Certification
from skills.models import Skill


class SiteSitemap(Sitemap):
    """A sitemap whose addresses start with SITE_URL.

    Without the sites framework, the sitemap view passes a RequestSite, i.e. the
    request's Host header and scheme. The sites framework would instead keep the
    domain in a database row (a table, a migration, and a second place to configure
    the address, editable in the admin). SITE_URL is already configuration from
    the environment: both hooks of Sitemap read it, and the view's site is ignored.
    """

    def get_protocol(self, protocol=None):
        return urlsplit(settings.SITE_URL).scheme

    def get_domain(self, site=None):
        return urlsplit(settings.SITE_URL).netloc


class StaticSitemap(SiteSitemap):
    def items(self):
        return ["home", "orientation:page", "careers:list", "certifications:list", "skills:list"]

    def location(self, item):
        return reverse(item)


class CareerSitemap(SiteSitemap):
    def items(self):
        return Career.objects.published().only("slug", "updated_at").order_by("pk")

    def lastmod(self, career):
        return career.updated_at


class CertificationSitemap(SiteSitemap):
    def items(self):
        return Certification.objects.published().only("slug").order_by("pk")


class SkillSitemap(SiteSitemap):
    def items(self):
        return Skill.objects.only("slug").order_by("pk")


SITEMAPS = {
    "pages": StaticSitemap,
    "metiers": CareerSitemap,
    "certifications": CertificationSitemap,
    "competences": SkillSitemap,
}
