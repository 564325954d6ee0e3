"""Long words in narrow headers break at their syllables, with a hyphen, in every browser."""

from django.template import Context, Template

from core.templatetags.text import SOFT_HYPHEN, soft_hyphens


def test_long_words_get_soft_hyphens_at_their_syllables():
    assert soft_hyphens("Personalised recommendations") == (
        "Per-son-al-ised recom-mend-a-tions".replace("-", SOFT_HYPHEN)
    )


def test_short_words_and_compounds_are_left_whole():
    assert soft_hyphens("VR simulation") == "VR simulation"
    assert soft_hyphens("Interactive case-based course").endswith(" case-based course")


def test_the_text_is_escaped_around_the_hyphens():
    rendered = Template("{% load text %}{{ name|soft_hyphens }}").render(
        Context({"name": "<b>Accreditations</b> & more"})
    )
    assert "<b>" not in rendered
    assert "&amp; more" in rendered
    assert rendered.replace(SOFT_HYPHEN, "") == "&lt;b&gt;Accreditations&lt;/b&gt; &amp; more"


def test_the_matrix_headers_carry_them(client, seeded):
    html = client.get("/rtcs/matrix/").text
    assert f">Per{SOFT_HYPHEN}son{SOFT_HYPHEN}al{SOFT_HYPHEN}ised recom{SOFT_HYPHEN}mend" in html
