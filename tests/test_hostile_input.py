"""Hostile input (issue 14, reading side): every record accounted for, never a traceback."""

from __future__ import annotations

import os

from extractor import iter_articles


def test_unbalanced_quote_in_csv_fails_one_record_and_keeps_the_rest(tmp_path):
    rows = [f'{i},"Budget {i} bn tenge",2020' for i in range(50)]
    rows[10] = '10,"Budget 10 bn tenge,2020'  # the quote never closes
    path = tmp_path / "a.csv"
    path.write_text("id,text,date\n" + "\n".join(rows) + "\n")
    read = list(iter_articles(path))
    failed = [r for r in read if r["status"] == "failed"]
    assert len(read) == 50 and len(failed) == 1
    assert failed[0]["error"].startswith("line 12:")
    ok = {r["external_id"]: r["body"] for r in read if r["status"] == "ok"}
    assert ok == {str(i): f"Budget {i} bn tenge" for i in range(50) if i != 10}


def test_dangling_link_and_link_loop_get_a_failed_row(tmp_path):
    (tmp_path / "good.txt").write_text("GDP grew 5%.")
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "loop.txt").symlink_to(tmp_path / "loop.txt")
    read = {os.path.basename(r["source"]): r for r in iter_articles(tmp_path)}
    assert read["good.txt"]["status"] == "ok"
    assert read["dangling.txt"]["status"] == "failed" and "cannot read" in read["dangling.txt"]["error"]
    assert read["loop.txt"]["status"] == "failed"


def test_non_utf8_file_name_is_read_and_escaped(tmp_path):
    name = os.fsdecode(b"caf\xe9.txt")
    (tmp_path / name).write_text("GDP grew 5%.")
    [row] = iter_articles(tmp_path)
    assert row["status"] == "ok" and row["source"].endswith("caf\\xe9.txt")
    row["source"].encode("utf-8")
