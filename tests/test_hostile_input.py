"""Hostile input (issue 14, reading side): every record accounted for, never a traceback."""

from __future__ import annotations

import json
import os

import pytest

from extractor import iter_articles
from extractor.corpus.readers import SNIFF_BYTES


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


# --------------------------------------------------------------------------- mixed encodings

NOT_UTF8 = ("mixed_encoding: this line is not UTF-8 (it reads as latin-1) while the file is UTF-8; convert the "
            "file to one encoding (e.g. with iconv) or pass --encoding to read every line one way")
UTF8_IN = ("mixed_encoding: this line is UTF-8 while the file is {}; convert the file to one encoding (e.g. with "
           "iconv) or pass --encoding to read every line one way")
MOJIBAKE = ("mixed_encoding: this line holds UTF-8 text that was decoded as cp1252 ('Ã©' for 'é', 'â€™' for '’'); "
            "fix the text at its source or re-export the file as UTF-8")


def jsonl_line(text: str, encoding: str = "utf-8") -> bytes:
    return (json.dumps({"text": text}, ensure_ascii=False) + "\n").encode(encoding)


# (case, lines as (text, encoding), the one line flagged (1-based) or None, its reason)
MIXED = [
    ("utf8-with-a-cp1252-line", [("Доходы бюджета выросли на 5%.", "utf-8"), ("Le café crème coûte 3 €.", "cp1252"),
                                 ("Экспорт вырос до $80 млрд.", "utf-8")], 2, NOT_UTF8),
    ("utf8-with-a-latin1-line", [("Zürich’s exports rose 4%.", "utf-8"), ("Genève: déjà 3%.", "latin-1"),
                                 ("São Paulo grew 2%.", "utf-8")], 2, NOT_UTF8),
    ("latin1-with-a-utf8-line", [("Le café crème.", "latin-1"), ("À Genève, déjà 3%.", "utf-8"),
                                 ("Coûte 3 francs.", "latin-1")], 2, UTF8_IN.format("latin-1")),
    ("cp1251-with-a-utf8-line", [("Доходы выросли на 5%.", "cp1251"), ("Экспорт вырос.", "utf-8"),
                                 ("Бюджет исполнен.", "cp1251")], 2, UTF8_IN.format("cp1251")),
    ("utf8-with-double-encoded-text", [("It’s a café.", "utf-8"), ("Itâ€™s a cafÃ©, the ministry said.", "utf-8"),
                                       ("Plain ASCII.", "utf-8")], 2, MOJIBAKE),
    ("clean-utf8", [("Le café crème coûte 3 €.", "utf-8"), ("«Қазақстан» экспорт 5% өсті.", "utf-8"),
                    ("NÃO, disse o São Paulo; Grüße, 20 °C ± 2.", "utf-8")], None, ""),
    ("clean-latin1", [("Le café crème.", "latin-1"), ("Grüße aus Zürich, 20 °C.", "latin-1")], None, ""),
    ("clean-cp1251", [("Доходы выросли на 5%.", "cp1251"), ("Бюджет исполнен на 98%.", "cp1251")], None, ""),
]


@pytest.mark.parametrize("lines, flagged, reason", [m[1:] for m in MIXED], ids=[m[0] for m in MIXED])
@pytest.mark.parametrize("late", [False, True], ids=["in-the-first-bytes", "after-them"])
def test_mixed_encodings_flag_the_lines_that_differ(tmp_path, lines, flagged, reason, late):
    filler = [("Budget revenue rose 5% in 2024, the ministry said.", "utf-8")] * (SNIFF_BYTES // 60 if late else 0)
    if late and lines[0][1] != "utf-8":
        filler = [(lines[0][0], lines[0][1])] * (SNIFF_BYTES // 20)  # the file's own encoding all along
    records = filler + lines
    path = tmp_path / "news.jsonl"
    path.write_bytes(b"".join(jsonl_line(text, encoding) for text, encoding in records))
    rows = list(iter_articles(path))
    assert len(rows) == len(records)
    flagged_line = len(filler) + flagged if flagged else None
    for number, ((text, _), row) in enumerate(zip(records, rows), 1):
        if number == flagged_line:
            assert (row["status"], row["error"]) == ("failed", f"line {number}: {reason}")
        else:
            assert (row["status"], row["body"]) == ("ok", text), number


def test_a_forced_encoding_reads_every_line_its_way(tmp_path):
    path = tmp_path / "news.jsonl"
    path.write_bytes(jsonl_line("Le café crème.", "latin-1") + jsonl_line("Genève", "utf-8"))
    rows = list(iter_articles(path, encoding="latin-1"))
    assert [(r["status"], r["body"]) for r in rows] == [("ok", "Le café crème."), ("ok", "GenÃ¨ve")]


@pytest.mark.parametrize("name, data, statuses", [
    ("dump.txt", "17.03.2025, 11:50 1\nT\nДоходы выросли.\n18.03.2025, 11:50 2\nT\n".encode()
     + "Le café.\n".encode("latin-1") + "19.03.2025, 11:50 3\nT\nЭкспорт вырос.\n".encode(), ["ok", "failed", "ok"]),
    ("plain.txt", "Доходы выросли.\n".encode() + "Le café.\n".encode("latin-1"), ["failed"]),
    ("news.csv", "text\nДоходы выросли.\n".encode() + "Le café.\n".encode("latin-1") + "Экспорт.\n".encode(),
     ["ok", "failed", "ok"]),
])
def test_a_mixed_line_fails_its_own_record_in_every_format(tmp_path, name, data, statuses):
    path = tmp_path / name
    path.write_bytes(data)
    rows = list(iter_articles(path))
    assert [r["status"] for r in rows] == statuses
    assert all("mixed_encoding" in r["error"] for r in rows if r["status"] == "failed")
