"""Long words in narrow headers break at their syllables, with a hyphen, in every browser; names
in another script carry their language."""

import pytest
from django.template import Context, Template

from core.templatetags.text import SOFT_HYPHEN, in_its_language, soft_hyphens


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


def test_a_name_in_korean_thai_or_chinese_script_is_marked_with_its_language():
    assert in_its_language("관세인재개발원") == '<span lang="ko">관세인재개발원</span>'
    assert in_its_language("Customs Academy (สถาบันวิทยาการศุลกากร)") == (
        'Customs Academy (<span lang="th">สถาบันวิทยาการศุลกากร</span>)'
    )
    assert in_its_language("上海海关学院 (Shanghai Customs College)") == (
        '<span lang="zh">上海海关学院</span> (Shanghai Customs College)'
    )


def test_chinese_characters_are_japanese_where_kana_or_the_record_say_so():
    assert in_its_language("税関研修所のご案内") == '<span lang="ja">税関研修所のご案内</span>'
    assert in_its_language("税関研修所", "ja") == '<span lang="ja">税関研修所</span>'
    assert in_its_language("香港海關", "zh-hant") == '<span lang="zh-hant">香港海關</span>'


def test_latin_text_is_left_as_it_is_and_everything_is_escaped():
    assert in_its_language("Japan RTC") == "Japan RTC"
    assert (
        in_its_language("<b>税関</b> & co")
        == '&lt;b&gt;<span lang="zh">税関</span>&lt;/b&gt; &amp; co'
    )


@pytest.mark.django_db
def test_every_page_marks_the_other_script_names_it_shows(client, public_record):
    pages = {
        "/rtcs/korea-rtc/": ("ko", "관세인재개발원"),
        "/rtcs/thailand-rtc/": ("th", "สถาบันวิทยาการศุลกากร"),
        "/rtcs/china-rtc/": ("zh", "上海海关高等专科学校"),
        "/sources/": ("zh", "上海海关学院"),
        "/sources/shanghai-customs-college/": ("zh", "上海海关学院"),
    }
    for url, (language, name) in pages.items():
        html = client.get(url).content.decode()
        assert f'<span lang="{language}">{name}</span>' in html, url
