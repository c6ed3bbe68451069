"""来访接待 from the command line: an office's own 信访登记簿 imported as history (with 人数, 处理方式, 承办单位,
办结时间, 满意度), its figures, the clock, prints of the notices (Word, editable) and the 信访台账 (PDF, ID
numbers masked for a leader), and a 公务接待台账 whose broken meal rule is kept and marked."""

from __future__ import annotations

from pathlib import Path

import pytest
from docx import Document
from pypdf import PdfReader

from app.cli import run
from app.domain.idnumber import check_char
from tests.conftest import PASSWORD

ID = "32010219800101123"
ID += check_char(ID)


@pytest.fixture
def db(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> str:
    monkeypatch.setenv("APP_PASSWORD", PASSWORD)
    return str(db_path)


BOOK = (
    "2025年信访登记簿\n"
    "来信来访日期,信访形式,姓名,身份证号码,人数,代表,乡镇,问题类别,主要问题,处理方式,承办单位,受理时间,答复时间,办结时间,满意度\n"
    f"2025-03-02,来访,张桂兰,{ID},6,张桂兰、李四,城关镇,土地征收,征地补偿款未按时发放,交办,县自然资源局,2025-03-05,2025-04-20,2025-04-25,满意\n"
    "2025-05-10,来信,李建国,,1,,河口镇,劳动社保,拖欠工资,转送,县人社局,2025-05-12,2025-08-01,2025-08-05,不满意\n"
    "2025-06-01,来信,王五,,1,,河口镇,其他,建议增设公交线路,直接办理,县委办信访室,2025-06-03,,,\n"
)


def test_import_history_figures_and_prints(db, capsys, tmp_path):
    book = tmp_path / "信访登记簿.csv"
    book.write_text(
        BOOK.replace(",6,城关镇", ",6,城关镇").replace("交办,县自然", "交办,县自然"), encoding="utf-8"
    )
    user = ["--db", db, "--user", "petition"]
    assert run([*user, "import", "petitions", str(book)]) == 0
    capsys.readouterr()
    assert run([*user, "reception", "petition-stats", "--year", "2025", "--by", "township"]) == 0
    out = capsys.readouterr().out
    total = out.splitlines()[2].split("\t")
    assert total[:8] == ["合计", "2", "1", "6", "1", "6", "0", "8"]  # 2 letters + 6 visiting persons
    assert total[8:] == [
        "100.0%",
        "50.0%",
        "66.7%",
        "50.0%",
        "0",
        "0",
    ]  # on-time accept, on-time answer, closed, satisfied; no 复查/复核
    assert "城关镇" in out
    assert (
        run(
            [*user, "print", "petitions", "信〔2025〕1号", "accept_notice", "--out", str(tmp_path / "a.docx")]
        )
        == 0
    )
    text = "\n".join(
        c.text for t in Document(str(tmp_path / "a.docx")).tables for r in t.rows for c in r.cells
    )
    assert "征地补偿款未按时发放" in text and "60日内办结" in text
    assert run([*user, "print", "petitions", "1", "reply", "--out", str(tmp_path / "r.docx")]) == 0
    assert (
        run(
            [
                "--db",
                db,
                "--user",
                "leader",
                "print",
                "petitions",
                "all",
                "book",
                "--out",
                str(tmp_path / "b.pdf"),
            ]
        )
        == 0
    )
    pdf = "".join(p.extract_text() for p in PdfReader(str(tmp_path / "b.pdf")).pages)
    assert "信访台账" in pdf and "张桂兰" in pdf and ID not in pdf
    assert run([*user, "reception", "clock", "--all"]) == 0
    assert "共1件" in capsys.readouterr().out  # the case with no answer yet runs its clock


def test_reception_ledger_import_keeps_and_marks_a_broken_meal_rule(db, capsys, tmp_path):
    ledger = tmp_path / "公务接待台账.csv"
    ledger.write_text(
        "接待日期,来访单位,级别,事由,人数,公函号,陪餐人数,工作餐次数,餐费\n"
        "2025-04-10,市委办公室,市级,督查,6,市委办函〔2025〕5号,3,1,400\n"
        "2025-05-10,市发改委,市级,调研,4,市发改函〔2025〕9号,5,1,300\n",
        encoding="utf-8",
    )
    me = ["--db", db, "--user", "reception"]
    # history: the 5 陪餐 of 2025 happened; the row is imported and marked, and the dry run says so
    assert run([*me, "import", "receptions", str(ledger), "--dry-run"]) == 0
    out = capsys.readouterr().out
    assert "第 3 行 不符合现行规则（陪餐人数：接待对象10人以内的，陪餐不超过3人" in out
    assert "不符合现行规则：1 行按原表导入并标注" in out
    assert run([*me, "import", "receptions", str(ledger)]) == 0
    assert "其中 1 条不符合现行规则" in capsys.readouterr().out
    assert run([*me, "reception", "reception-stats", "--year", "2025"]) == 0
    out = capsys.readouterr().out
    assert "2次（省级0次，市级2次" in out
    # no guest list in the 台账: its 人数 counted at the reception's level
    assert "接待对象按级别：市级" in out
