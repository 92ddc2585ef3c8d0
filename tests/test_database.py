"""extractor.outputs.database: the report's SQLite database opens in sqlite-utils as the four
linked, searchable tables, and Datasette serves it as it is (facets, full-text search).

The Datasette test starts a real server on 127.0.0.1 (a free port), fetches a faceted page and a
search, and stops it; it is skipped, saying why, when Datasette is not installed or does not start.
"""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request

import pandas as pd
import pytest
import sqlite_utils

from extractor.outputs.database import DATABASE_FILE, write_database

from hostile_tables import tiny_tables  # shared by the output tests


def tiny_checks(claims):
    return pd.DataFrame({
        "check_id": ["c1", "c2"], "claim_ids": [[claims["claim_id"].iloc[-1]], list(claims["claim_id"].iloc[:2])],
        "check": ["arithmetic", "cross_article"], "verdict": ["inconsistent", "consistent"],
        "expected": [1.34, 250e9], "observed": [1.5, 250e9], "rel_error": [0.12, 0.0], "tolerance": [0.01, float("inf")],
        "explanation": ["exports grew x1.34, stated x1.5", "two articles agree"], "sentences": [["a"], []],
        "reference_source": ["", ""]})


@pytest.fixture(scope="module")
def database(tmp_path_factory):
    articles, mentions, claims = tiny_tables()
    path = write_database(tmp_path_factory.mktemp("db") / DATABASE_FILE, articles, mentions, claims, tiny_checks(claims))
    return sqlite_utils.Database(path)


def test_the_four_tables_and_their_links(database):
    assert {"articles", "mentions", "claims", "checks", "claim_mentions", "check_claims"} <= set(database.table_names())
    assert database["articles"].pks == ["article_id"] and database["mentions"].pks == ["mention_id"]
    assert {(fk.column, fk.other_table) for fk in database["mentions"].foreign_keys} == {("article_id", "articles")}
    assert {(fk.column, fk.other_table) for fk in database["claims"].foreign_keys} == {("article_id", "articles")}
    assert {(fk.column, fk.other_table) for fk in database["claim_mentions"].foreign_keys} == {
        ("claim_id", "claims"), ("mention_id", "mentions")}
    assert {(fk.column, fk.other_table) for fk in database["check_claims"].foreign_keys} == {
        ("check_id", "checks"), ("claim_id", "claims")}
    assert database.execute("PRAGMA foreign_key_check").fetchall() == []
    assert (database["articles"].count, database["mentions"].count, database["claims"].count,
            database["checks"].count) == (1, 4, 3, 2)
    assert database["claim_mentions"].count == sum(1 for _ in database["claims"].rows_where()) + 1  # from-to: 2


def test_lists_are_json_and_missing_values_null(database):
    claim = next(database["claims"].rows_where("claim_type = 'change_from_to'"))
    assert json.loads(claim["mention_ids"]) == ["tiny:0:abc:b129", "tiny:0:abc:b146"]
    assert claim["location"] is None, "an empty text cell is NULL, not ''"
    assert database.execute("SELECT count(*) FROM mentions WHERE location IS NULL").fetchone() == (4,)
    gdp = next(database["mentions"].rows_where("text = '$288 billion'"))
    assert (gdp["value"], gdp["period_start"], gdp["indicator"]) == (288e9, 2024, "gdp")
    article = next(database["articles"].rows)
    assert article["published"] == "2025-03-17T11:50:00" and article["outlet"] == "=cmd|"
    assert next(database["checks"].rows_where("check_id = 'c2'"))["tolerance"] is None


def test_full_text_search_on_sentences_and_summaries(database):
    assert [r["text"] for r in database["mentions"].search("exports")] == ["$61.1 billion", "$81.6 billion"]
    assert [r["claim_type"] for r in database["claims"].search("exports")] == ["change_from_to"]
    assert len(list(database["claims"].search("GDP"))) == 2
    assert database.execute("SELECT count(*) FROM figures WHERE outlet = '=cmd|'").fetchone() == (4,)


def test_the_same_tables_give_the_same_file(tmp_path):
    articles, mentions, claims = tiny_tables()
    one = write_database(tmp_path / "a.db", articles, mentions, claims, tiny_checks(claims)).read_bytes()
    two = write_database(tmp_path / "b.db", articles, mentions, claims, tiny_checks(claims)).read_bytes()
    assert one == two


# --------------------------------------------------------------------------- Datasette


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def fetch(url: str):
    with urllib.request.urlopen(url, timeout=30) as answer:
        return json.load(answer)


@pytest.fixture(scope="module")
def datasette(database):
    """A Datasette server on 127.0.0.1 serving the database; its base URL. Stopped at the end."""
    try:
        import datasette  # noqa: F401
    except ImportError:
        pytest.skip("Datasette is not installed (it is in the dev extra and requirements.lock)")
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "datasette", "serve", str(database.conn.execute(
        "PRAGMA database_list").fetchone()[2]), "-h", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    try:
        while True:
            try:
                fetch(f"{base}/-/versions.json")
                break
            except (urllib.error.URLError, ConnectionError, OSError):
                if server.poll() is not None or time.monotonic() > deadline:
                    reason = server.stderr.read().decode(errors="replace")[-400:] if server.poll() is not None else ""
                    pytest.skip(f"Datasette did not start on 127.0.0.1:{port}: {reason or 'no answer in 60 s'}")
                time.sleep(0.2)
        yield base
    finally:
        server.terminate()
        try:
            server.wait(timeout=20)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_datasette_serves_a_faceted_page_and_a_search(datasette):
    name = DATABASE_FILE.removesuffix(".db")
    mentions = fetch(f"{datasette}/{name}/mentions.json?_facet=indicator&_shape=objects")
    facet = {v["value"]: v["count"] for v in mentions["facet_results"]["indicator"]["results"]}
    assert facet == {"gdp": 2, "exports": 2}
    checks = fetch(f"{datasette}/{name}/checks.json?_facet=verdict&_shape=objects")
    assert {v["value"] for v in checks["facet_results"]["verdict"]["results"]} == {"inconsistent", "consistent"}
    articles = fetch(f"{datasette}/{name}/articles.json?_facet=outlet&_shape=objects")
    assert [v["value"] for v in articles["facet_results"]["outlet"]["results"]] == ["=cmd|"]
    found = fetch(f"{datasette}/{name}/claims.json?_search=exports&_shape=objects")
    assert [row["claim_type"] for row in found["rows"]] == ["change_from_to"]
