import datetime as dt
import json

import pytest

from kg.errors import LoaderError
from loaders import Batch, Document, loader_for
from loaders.articles import parse_text_article, read_jsonl, read_text_article
from loaders.statements import parse_statements


def items(reader, path):
    return list(reader(path))


# -- statements -------------------------------------------------------------------------
GOOD = """\
source: https://example.org/story
actors:
  - {name: Jane Doughty, kind: person, code: GBR, role: envoy, parent: GBR.foreign-ministry}
statements:
  - {type: MET, participants: [Turkey, Syria, Russia], date: 2022-12-28, place: Moscow, quote: They met.}
  - {type: criticized, from: Jane Doughty, to: Kremlin, date: 2023-01-02}
"""


def test_statements_become_events_like_the_extractors():
    (batch,) = parse_statements(GOOD, "s.yaml")
    assert isinstance(batch, Batch)
    met, crit = batch.events
    assert met.type == "MET" and met.participants == ("RUS", "SYR", "TUR")
    assert met.date == dt.date(2022, 12, 28) and met.place == "Moscow"
    assert met.provenance[0].source == "https://example.org/story" and met.provenance[0].sentence == "They met."
    assert met.provenance[0].rule == "statements:s.yaml:5"
    assert (crit.type, crit.source, crit.target) == ("CRITICIZED", "person:jane-doughty", "RUS.kremlin")
    ids = {a.id for a in batch.actors}
    assert {"person:jane-doughty", "GBR.foreign-ministry", "RUS", "SYR", "TUR", "RUS.kremlin"} <= ids
    assert [a.source for a in batch.articles] == ["https://example.org/story"]


@pytest.mark.parametrize("statement, message", [
    ("{type: MEETS, participants: [Turkey, Syria], date: 2023-01-01}", "s.yaml:3: unknown relation type 'MEETS'"),
    ("{type: MET, participants: [Turkey, Blorfistan], date: 2023-01-01}", "s.yaml:3: unknown actor 'Blorfistan'"),
    ("{type: MET, participants: [Turkey, Syria]}", "s.yaml:3: missing date"),
    ("{type: MET, participants: [Turkey, Syria], date: 2023-02-30}", "s.yaml:3: impossible date '2023-02-30'"),
    ("{type: MET, participants: [Turkey], date: 2023-01-01}", "s.yaml:3: MET needs 'participants'"),
    ("{type: CRITICIZED, participants: [Turkey, Syria], date: 2023-01-01}", "s.yaml:3: CRITICIZED is directed"),
    ("{type: CRITICIZED, from: Turkey, date: 2023-01-01}", "s.yaml:3: to: expected an actor name"),
    ("{type: MET, participants: [Turkey, Syria], date: 2023-01-01, colour: red}", "s.yaml:3: unknown key(s) colour"),
    ("just a string", "s.yaml:3: each statement must be a mapping"),
])
def test_a_bad_statement_is_reported_with_its_line_and_the_rest_loads(statement, message):
    text = f"statements:\n  - {{type: AGREED, participants: [Iran, Saudi Arabia], date: 2023-03-10}}\n  - {statement}\n"
    out = list(parse_statements(text, "s.yaml"))
    errors = [str(x) for x in out if isinstance(x, LoaderError)]
    assert len(errors) == 1 and errors[0].startswith(message), errors
    assert [e.type for x in out if isinstance(x, Batch) for e in x.events] == ["AGREED"]


@pytest.mark.parametrize("text, message", [
    ("statements: [unclosed", "s.yaml:1: malformed YAML"),
    ("hello: world", "s.yaml: unknown top-level key(s): hello"),
    ("42", "s.yaml: expected a 'statements:' list"),
])
def test_a_bad_statements_file(text, message):
    (err,) = parse_statements(text, "s.yaml")
    assert isinstance(err, LoaderError) and str(err).startswith(message), str(err)


def test_seed_statements_load_cleanly():
    from pathlib import Path

    out = items(loader_for("x.yaml"), Path(__file__).parents[1] / "seeds" / "statements.yaml")
    assert all(isinstance(x, Batch) for x in out), out
    assert len(out[0].events) == 13


# -- articles -----------------------------------------------------------------------------
ARTICLE = "---\ntitle: Talks\ndate: 2023-01-04\nsource: https://example.org/a\n---\nTurkey met Syria.\n"


def test_front_matter_article(tmp_path):
    p = tmp_path / "a.md"
    p.write_text(ARTICLE)
    (doc,) = items(read_text_article, p)
    assert isinstance(doc, Document)
    assert doc.text == "Turkey met Syria.\n" and doc.ref == str(p) and not doc.warnings
    assert (doc.article.title, doc.article.date, doc.article.source) == ("Talks", dt.date(2023, 1, 4),
                                                                          "https://example.org/a")
    assert ARTICLE[doc.body_offset:] == doc.text


def test_article_without_front_matter_or_date_warns(tmp_path):
    doc = parse_text_article("Plain text.", "p.txt")
    assert doc.article.date is None and "no publication date" in doc.warnings[0]


def test_jsonl_one_article_per_line_bad_lines_reported(tmp_path):
    p = tmp_path / "a.jsonl"
    p.write_text("\n".join([
        json.dumps({"id": "r1", "text": "Turkey met Syria.", "date": "2023-01-04", "title": "T", "url": "u"}),
        "{not json",
        json.dumps({"id": "r3", "date": "2023-01-04"}),
        json.dumps({"id": "r4", "text": "x", "date": "2023-13-01"}),
        json.dumps(["list"]),
    ]) + "\n")
    out = items(read_jsonl, p)
    assert isinstance(out[0], Document) and out[0].ref == "r1" and out[0].article.source == "u"
    assert [str(e).split(": ", 1)[0] for e in out[1:]] == [f"{p}:2", f"{p}:3", f"{p}:4", f"{p}:5"]
    assert "malformed JSON" in str(out[1]) and "no 'text'" in str(out[2]) and "impossible date" in str(out[3])


@pytest.mark.parametrize("content, message", [
    (b"", "empty file"),
    (b"   \n\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary file"),
    (b"---\ntitle: x\n---\ncaf\xe9 au lait\n", "not UTF-8 (byte 0xe9 at offset 20)"),
    (b"---\n- [x\n---\ntext\n", "malformed front matter"),
    (b"---\ntitle: x\ntext\n", "never closed"),
    (b"---\ndate: 2023-02-30\n---\ntext\n", "impossible date"),
    (b"---\ntitle: x\n---\n   \n", "article has no text"),
])
def test_bad_article_files(tmp_path, content, message):
    p = tmp_path / "bad.md"
    p.write_bytes(content)
    (err,) = items(read_text_article, p)
    assert isinstance(err, LoaderError) and message in str(err) and str(p) in str(err)


def test_huge_file_is_refused_without_reading_it(tmp_path):
    p = tmp_path / "huge.txt"
    with p.open("wb") as f:
        f.truncate(50_000_000)  # sparse: 50 MB
    (err,) = items(read_text_article, p)
    assert "50.0 MB, over the 20 MB limit" in str(err)
