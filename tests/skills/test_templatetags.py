from django.utils import translation
from django.utils.formats import localize

from skills.templatetags.skills_tags import grouped


def test_a_count_is_written_as_the_template_wrote_it():
    with translation.override("fr"):
        for count in (0, 1, 999, 1000, 1234, 12345, 1_234_567):
            assert grouped(count) == localize(count)
    assert grouped(1234) == "1\xa0234"
