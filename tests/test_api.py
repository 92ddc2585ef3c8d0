"""extractor.run: the whole job in one call gives the same four tables as the stages one by one,
and accounts for every record."""

from __future__ import annotations

import pandas as pd
import pytest

import extractor


def test_run_equals_the_stages_one_by_one(sample_dir, sample_articles, sample_rules_mentions):
    tables = extractor.run([sample_dir], ner=False)
    # read_corpus([sample_dir]) and extract(articles, ner=False), built once per session (conftest.py)
    articles, mentions = sample_articles, sample_rules_mentions
    claims = extractor.build_claims(mentions)
    pd.testing.assert_frame_equal(tables.articles, articles)
    pd.testing.assert_frame_equal(tables.mentions, mentions)
    pd.testing.assert_frame_equal(tables.claims, claims)
    pd.testing.assert_frame_equal(tables.checks, extractor.check(claims, articles=articles))


def test_run_without_text_keeps_an_account_of_every_record(tmp_path):
    (tmp_path / "a.txt").write_text("GDP reached $288 billion.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"\x00\x01\x02 binary")
    seen = []
    articles, mentions, claims, checks = extractor.run([tmp_path], ner=False, keep_text=False, on_article=seen.append)
    assert sorted(articles["status"].astype(str)) == ["failed", "ok"] and len(seen) == 2
    assert articles["body"].isna().all(), "no text kept"
    assert list(mentions["text"]) == ["$288 billion"]


def test_a_report_folder_reads_back_as_the_tables_it_was_written_from(tmp_path, sample_articles, sample_mentions,
                                                                      sample_claims, sample_checks):
    import extractor
    from extractor.outputs.tables_io import write_table

    for name, table in zip(("articles", "mentions", "claims", "checks"),
                           (sample_articles, sample_mentions, sample_claims, sample_checks)):
        write_table(table, tmp_path / f"{name}.parquet")
    articles, mentions, claims, checks = extractor.load_report(tmp_path)
    pd.testing.assert_frame_equal(mentions, sample_mentions)
    assert isinstance(claims["mention_ids"].iloc[0], list)
    assert extractor.check(claims)["verdict"].tolist() == sample_checks["verdict"].tolist()


def test_a_folder_without_a_report_is_an_error_naming_the_file(tmp_path):
    import extractor
    from extractor.errors import OutputError

    with pytest.raises(OutputError, match=r"articles\.parquet: not found"):
        extractor.load_report(tmp_path)
    pd.DataFrame({"x": [1]}).to_parquet(tmp_path / "articles.parquet")
    with pytest.raises(OutputError, match=r"articles\.parquet: is not the articles table: columns differ"):
        extractor.load_report(tmp_path)


# --------------------------------------------------------------------------- issue 15: tables written before


def test_load_tables_makes_what_is_missing_from_what_is_given(tmp_path):
    import json

    from extractor.outputs.tables_io import write_table

    rows = [{"id": "a", "title": "Wages", "text": "The minimum wage doubled from 42,500 to 85,000 tenge in 2024."},
            {"id": "b", "title": "Trade", "text": "Exports grew from $61.1 billion to $81.6 billion in 2023."}]
    (tmp_path / "news.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    run = extractor.run([tmp_path / "news.jsonl"], ner=False)
    write_table(run.mentions, tmp_path / "mentions.csv")
    tables = extractor.load_tables([tmp_path / "mentions.csv"])
    pd.testing.assert_frame_equal(tables.mentions, run.mentions, check_dtype=False)
    pd.testing.assert_frame_equal(tables.claims, run.claims, check_dtype=False)
    pd.testing.assert_frame_equal(tables.checks, run.checks, check_dtype=False)
    assert tables.articles["article_id"].tolist() == run.articles["article_id"].tolist()
    assert (tables.articles["status"] == "ok").all()
    write_table(run.articles, tmp_path / "articles.parquet")
    with_articles = extractor.load_tables([tmp_path / "mentions.csv", tmp_path / "articles.parquet"])
    assert with_articles.articles["title"].tolist() == ["Wages", "Trade"]


def test_load_tables_needs_mentions_or_claims(tmp_path):
    from hostile_tables import tiny_tables

    from extractor.errors import CorpusError
    from extractor.outputs.tables_io import write_table

    articles, _, _ = tiny_tables()
    write_table(articles, tmp_path / "articles.parquet")
    with pytest.raises(CorpusError, match="a Mentions or Claims table is needed"):
        extractor.load_tables(tmp_path / "articles.parquet")


def test_a_text_column_no_source_has_is_an_error_before_reading(tmp_path):
    from extractor.errors import CorpusError

    (tmp_path / "a.jsonl").write_text('{"id": 1, "body": "GDP grew 5%."}\n', encoding="utf-8")
    pd.DataFrame({"content": ["GDP grew 5%."]}).to_parquet(tmp_path / "b.parquet")
    with pytest.raises(CorpusError, match=r"'article': no input has that column; the columns are: a\.jsonl \(id, body\); "
                                          r"b\.parquet \(content\)"):
        extractor.read([tmp_path], ner=False, text_column="article")
    articles, mentions = extractor.read([tmp_path / "b.parquet"], ner=False, text_column="content")
    assert list(mentions["text"]) == ["5%"]
    articles, _ = extractor.read([tmp_path / "a.jsonl"], ner=False)  # by default: text, else body, content, ...
    assert articles["status"].tolist() == ["ok"]
