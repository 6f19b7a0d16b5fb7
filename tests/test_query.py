"""The Cypher query library on the embedded store: files, binding, the grand-cypher subset, the CLI."""

from __future__ import annotations

import json

import pytest

from kg.cypher import bind_literals, load_queries, parse_query_file, run_cypher, run_named
from kg.errors import QueryError
from kg.model import Actor, Event
from kg.store.sqlite import SqliteStore

NASTY = ['"}) DETACH DELETE n //', "O'Brien \\ \"quoted\"", "Çavuşoğlu 🙂 back\\slash", "$actor", "a\nb"]


@pytest.fixture
def seed_store(seed_db):
    with SqliteStore(seed_db) as s:
        yield s


def test_every_query_file_is_documented():
    queries = load_queries()
    assert set(queries) == {"who_met_whom", "relations", "stance_matrix", "actor_timeline", "dyad_trend",
                            "shortest_connection", "central_actors"}
    for q in queries.values():
        assert q.description and q.params is not None
        assert all(p.doc for p in q.params.values()), q.name
        assert "any" in q.texts or {"neo4j", "embedded"} <= set(q.texts)


def test_param_declarations_parse():
    q = parse_query_file('// name: x\n// param: n (int, default 3) — how many\n// param: a (str, required) — who\n'
                         'MATCH (a:Actor {id: $a}) RETURN a.id LIMIT 3')
    assert q.params["n"].default == 3 and q.params["a"].required
    with pytest.raises(QueryError, match="bad param line"):
        parse_query_file("// name: x\n// param: n (integer)\nMATCH (a) RETURN a")


@pytest.mark.parametrize("value", NASTY)
def test_bind_literals_keeps_values_inside_one_literal(value):
    text = bind_literals('MATCH (a:Actor {name: $v}) WHERE a.x = "$v" RETURN a.id // $v', {"v": value})
    assert text.startswith("MATCH (a:Actor {name: ") and text.endswith('WHERE a.x = "$v" RETURN a.id ')
    assert json.loads(text[len("MATCH (a:Actor {name: "):text.rindex("}) WHERE")]) == value


@pytest.mark.parametrize("name", NASTY)
def test_injection_in_names_and_params_is_matched_literally(tmp_path, name):
    s = SqliteStore(tmp_path / "kg.db")
    s.write(actors=[Actor("org:x", name, "civil_society"), Actor("TUR", "Turkey", "state", "TUR")],
            events=[Event("MET", participants=("org:x", "TUR"), date=None)])
    rows = run_named(s, "who_met_whom", {"actor": "TUR"})
    assert [r["other_name"] for r in rows] == [name]
    # the name resolves (literally, by lookup key) to the actor that bears it
    assert [r["other"] for r in run_named(s, "who_met_whom", {"actor": name})] == ["TUR"]
    rows = run_cypher(s, "MATCH (b:Actor)-[r]->(a:Actor {name: $n}) RETURN b.id AS id", {"n": name})
    assert rows == [{"id": "TUR"}]
    assert s.stats()["actors"] == 2


def test_seed_queries(seed_store):
    rows = run_named(seed_store, "who_met_whom", {"actor": "TUR", "level": "person"})
    assert [(r["date"], r["other"], r["place"]) for r in rows] == [("2022-12-28", "RUS", "Moscow"),
                                                                    ("2022-12-28", "SYR", "Moscow")]
    rows = run_named(seed_store, "who_met_whom", {"actor": "Turkey"})   # level code: its officials count
    assert [(r["date"], r["other_code"]) for r in rows] == [("2022-12-28", "RUS"), ("2022-12-28", "SYR")] + [
        ("2023-01-03", "SYR-OPP")] * 3
    assert run_named(seed_store, "who_met_whom", {"actor": "TUR", "since": "2023-01-04"}) == []
    rel = run_named(seed_store, "relations", {"actor": "TUR", "type": "PROMISED"})
    assert rel == [{"type": "PROMISED", "source": "TUR", "target": "SYR-OPP", "events": 1, "goldstein": 4.5}]
    sm = run_named(seed_store, "stance_matrix", {})
    assert {"source": "USA", "target": "SYR", "events": 2, "net_goldstein": -4.0} in sm
    path = run_named(seed_store, "shortest_connection", {"source": "person:ned-price", "target": "TUR"})
    assert path == [{"path": ["person:ned-price", "SYR", "TUR"], "hops": 2}]
    top = run_named(seed_store, "central_actors", {"limit": 1})
    assert top[0]["id"] in ("SYR", "TUR")


@pytest.mark.parametrize("query,message", [
    ("MATCH (a) OPTIONAL MATCH (a)-->(b) RETURN a", "OPTIONAL MATCH is not supported"),
    ("MATCH (a) WITH a RETURN a", "WITH is not supported"),
    ("UNWIND [1] AS x RETURN x", "UNWIND is not supported"),
    ("MATCH (a)-[r]->(b) RETURN count(r)", "upper-case aggregates"),
    ("MATCH (a {name: 'x'}) RETURN a", "double-quoted"),
    ("MATCH (n) DETACH DELETE n", "writing clauses"),
    ("MATCH (a) RETURN a.id +", "not in the Cypher subset"),
])
def test_unsupported_adhoc_cypher_suggests_neo4j(seed_store, query, message):
    with pytest.raises(QueryError, match=message) as err:
        run_cypher(seed_store, query)
    assert "Neo4j" in str(err.value) or "upper-case" in str(err.value)


def test_adhoc_starts_with_is_allowed(seed_store):
    rows = run_cypher(seed_store, 'MATCH (a:Actor)-[r:MET]->(b:Actor) WHERE b.name STARTS WITH "Tur" RETURN a.id AS a')
    assert {r["a"] for r in rows} == {"RUS", "SYR"}


def test_query_errors(seed_store):
    with pytest.raises(QueryError, match="unknown query"):
        run_named(seed_store, "nope", {})
    with pytest.raises(QueryError, match="needs --param actor"):
        run_named(seed_store, "who_met_whom", {})
    with pytest.raises(QueryError, match="not a date"):
        run_named(seed_store, "who_met_whom", {"actor": "TUR", "since": "yesterday"})
    with pytest.raises(QueryError, match="has no parameter"):
        run_named(seed_store, "who_met_whom", {"actor": "TUR", "x": "1"})


def test_cli_query(run, seed_db):
    r = run("query", "who_met_whom", "--param", "actor=TUR", "--param", "level=person", "--json", store=seed_db)
    assert r.exit_code == 0, r.output
    assert [x["other"] for x in json.loads(r.output)] == ["RUS", "SYR"]
    r = run("query", "--cypher", 'MATCH (a:Actor {id: "TUR"}) RETURN a.name AS name', "--format", "csv",
            store=seed_db)
    assert r.output.splitlines() == ["name", "Turkey"]
    r = run("query", "--list", store=seed_db)
    assert "who_met_whom" in r.output and "central_actors" in r.output
    r = run("query", "--cypher", "MATCH (a) WITH a RETURN a", store=seed_db)
    assert r.exit_code == 1 and "Error: WITH is not supported" in r.output
    r = run("query", store=seed_db)
    assert r.exit_code == 2
    r = run("query", "who_met_whom", "--param", "actor", store=seed_db)
    assert r.exit_code == 2


def test_whole_graph_results_are_cached_until_the_store_changes(tmp_path):
    from kg.synthetic import populate

    s = SqliteStore(tmp_path / "c.db")
    populate(s, 300, seed=4, batch=300)
    builds = []
    real = s.graph
    s.graph = lambda *a, **k: builds.append(1) or real(*a, **k)
    first = run_named(s, "central_actors", {"limit": 5})
    assert run_named(s, "central_actors", {"limit": 5}) == first and len(builds) == 1
    run_named(s, "shortest_connection", {"source": first[0]["id"], "target": first[1]["id"]})
    run_named(s, "shortest_connection", {"source": first[0]["id"], "target": first[2]["id"]})
    assert len(builds) == 2
    top = first[0]["id"]
    other = first[-1]["id"]
    s.write(events=[Event("CRITICIZED", top, other)])
    again = run_named(s, "central_actors", {"limit": 5})
    assert len(builds) == 3 and again[0]["degree"] == first[0]["degree"] + 1
    SqliteStore(tmp_path / "c.db").write(events=[Event("ACCUSED", top, other)])   # another connection
    assert run_named(s, "central_actors", {"limit": 5})[0]["degree"] == first[0]["degree"] + 2
    assert len(builds) == 4
