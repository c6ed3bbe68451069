"""OFD files: kept with the record and described from their own index (OFD.xml DocInfo, the pages of
Document.xml, the signatures) with zipfile and XML only; a broken or hostile index is refused with a
Chinese message and nothing is attached."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from app.domain.errors import ValidationFailed
from app.kit.files.ofd import OfdUnreadable, ofd_info
from tests.support.files import ofd_bytes
from tests.support.writer import doc


def test_the_index_says_title_author_date_pages_and_signatures() -> None:
    info = ofd_info(ofd_bytes(pages=3, signatures=2))
    assert (info.title, info.author, info.creation_date) == (
        "关于做好2026年防汛抗旱工作的通知",
        "中共南丰县委办公室",
        "2026-03-05",
    )
    assert (info.pages, info.signatures, info.creator) == (3, 2, "书生电子公文 7.0")
    labels = [label for label, _ in info.lines()]
    assert (
        labels[:4] == ["标题", "作者", "创建日期", "创建程序"] and "页数" in labels and "电子签章" in labels
    )


@pytest.mark.parametrize("prefix", ["ofd", ""])
def test_writers_with_or_without_a_prefix_read_the_same(prefix: str) -> None:
    info = ofd_info(ofd_bytes(prefix=prefix, signatures=0))
    assert (info.title, info.pages, info.signatures) == ("关于做好2026年防汛抗旱工作的通知", 2, 0)


_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\ufffe\uffff"), max_size=60
).map(str.strip)


@settings(max_examples=60, deadline=None)
@given(title=_TEXT, author=_TEXT, pages=st.integers(0, 40))
def test_metadata_comes_back_as_written(title: str, author: str, pages: int) -> None:
    info = ofd_info(ofd_bytes(title=title, author=author, pages=pages))
    assert (info.title, info.author, info.pages) == (title, author, pages)


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"PK\x03\x04 not really a zip", "损坏"),
        (ofd_bytes(ofd_xml="<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>"), "XML"),
        (ofd_bytes(ofd_xml="<Other/>"), "根元素"),
        (ofd_bytes(ofd_xml="<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'/>"), "DocBody"),
        (
            ofd_bytes(ofd_xml='<?xml version="1.0"?><!DOCTYPE l [<!ENTITY a "aaaa">]><OFD>&a;</OFD>'),
            "DTD",
        ),
    ],
)
def test_a_broken_or_hostile_index_is_unreadable(data: bytes, why: str) -> None:
    with pytest.raises(OfdUnreadable, match=why):
        ofd_info(data)


def test_attached_with_its_page_count_and_shown_as_described(services, actors) -> None:
    rec = services.service("documents").incoming.receive(actors["clerk"], doc(1)).record
    f = services.files.attach(
        actors["clerk"], "incoming", rec.id, ofd_bytes(pages=4), "正文", name="来文.ofd"
    )
    assert (f.kind, f.pages, f.preview, f.kind_label) == ("ofd", 4, "ofd", "OFD 版式文件")
    assert ofd_info(services.files.read(actors["clerk"], f.id).data).pages == 4


def test_a_broken_ofd_is_refused_and_nothing_is_attached(services, actors) -> None:
    rec = services.service("documents").incoming.receive(actors["clerk"], doc(1)).record
    broken = ofd_bytes(ofd_xml="<ofd:OFD xmlns:ofd='http://www.ofdspec.org/2016'><ofd:DocBody>")
    with pytest.raises(ValidationFailed) as e:
        services.files.attach(actors["clerk"], "incoming", rec.id, broken, "正文", name="来文.ofd")
    assert "来文.ofd" in e.value.errors["file"] and "OFD 无法读取" in e.value.errors["file"]
    assert services.files.list(actors["clerk"], "incoming", rec.id) == ()
