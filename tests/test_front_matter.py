"""Front matter as scraped articles write it (issue 9, item 9)."""

from __future__ import annotations

import datetime as dt

import pytest

from kg.errors import LoaderError
from loaders.articles import parse_text_article


def test_a_title_with_a_colon_is_read_leniently_with_a_warning():
    doc = parse_text_article("---\ntitle: Erdogan: We will invite Assad\ndate: 2023-01-04\nsource: https://x.org/a\n"
                             "---\nErdogan said Turkey would invite Assad.\n", "a.md")
    assert doc.article.title == "Erdogan: We will invite Assad"
    assert doc.article.date == dt.date(2023, 1, 4) and doc.article.source == "https://x.org/a"
    assert doc.text == "Erdogan said Turkey would invite Assad.\n"
    assert any("a.md:2: front matter is not valid YAML" in w and "plain 'key: value'" in w for w in doc.warnings)


def test_front_matter_that_is_not_key_value_lines_is_still_an_error_naming_the_line():
    with pytest.raises(LoaderError, match=r"^a.md:\d+: malformed front matter .*line 3 is not 'key: value'"):
        parse_text_article("---\ntitle: a: b\n  - [unclosed\n---\nText.\n", "a.md")


def test_front_matter_without_its_closing_line_is_an_error_not_article_text():
    with pytest.raises(LoaderError, match=r"^a.md:1: front matter opened with '---' is never closed"):
        parse_text_article("---\ntitle: Talks\ndate: 2023-01-04\nTurkey met Syria.\n", "a.md")


def test_valid_yaml_front_matter_gives_no_warning():
    doc = parse_text_article('---\ntitle: "Erdogan: We will invite Assad"\ndate: 2023-01-04\n---\nText.\n', "a.md")
    assert doc.article.title == "Erdogan: We will invite Assad" and doc.warnings == ()
