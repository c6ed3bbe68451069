"""An OFD (GB/T 33190 版式文件) file's own description, read with zipfile and XML only: the DocInfo of
OFD.xml (标题, 作者, 创建日期, 创建程序 …), the pages listed in each document's Document.xml and the
signatures (电子签章) it declares. No maintained Python OFD renderer exists in the package registry the
project uses (the one there, easyofd, is a one-person project that calls itself incomplete, draws through
PyMuPDF (AGPL) and fails on fonts a Linux PC lacks), so OFD files are kept and described, not drawn."""

from __future__ import annotations

import posixpath
import zipfile
from dataclasses import dataclass
from xml.etree import ElementTree as ET

MAX_XML_BYTES = 4 * 1024 * 1024  # OFD.xml and Document.xml are a few kB: more is not an OFD's index
NS = "http://www.ofdspec.org/2016"


class OfdUnreadable(ValueError):
    """The OFD's index cannot be read; the message says why in Chinese."""


@dataclass(frozen=True)
class OfdInfo:
    """What an OFD says about itself ('' / None where it does not say)."""

    title: str = ""
    author: str = ""
    subject: str = ""
    creator: str = ""  # the program that wrote it (e.g. 数科 OFD 版式办公套件)
    creation_date: str = ""  # as written: 2026-03-05 or 2026-03-05T09:30:00
    modified: str = ""
    doc_id: str = ""
    documents: int = 1
    pages: int | None = None
    signatures: int = 0

    def lines(self) -> list[tuple[str, str]]:
        """(label, value) of what is known, in the order a reader wants them."""
        rows = [
            ("标题", self.title),
            ("作者", self.author),
            ("主题", self.subject),
            ("创建日期", self.creation_date),
            ("修改日期", self.modified),
            ("创建程序", self.creator),
            ("页数", f"{self.pages} 页" if self.pages is not None else ""),
            ("电子签章", f"{self.signatures} 个" if self.signatures else ""),
            ("文档数", f"{self.documents} 个" if self.documents > 1 else ""),
            ("文档标识", self.doc_id),
        ]
        return [(label, value) for label, value in rows if value]


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> list[ET.Element]:
    """Children by local name: OFD writers differ in prefixes, a few in the namespace itself."""
    return [c for c in element if _local(c.tag) == name]


def _child_text(element: ET.Element | None, name: str) -> str:
    if element is None:
        return ""
    found = _children(element, name)
    return (found[0].text or "").strip() if found else ""


def _xml(z: zipfile.ZipFile, member: str) -> ET.Element:
    try:
        info = z.getinfo(member)
    except KeyError:
        raise OfdUnreadable(f"缺少 {member}") from None
    if info.file_size > MAX_XML_BYTES:
        raise OfdUnreadable(f"{member} 过大（{info.file_size} 字节），不像 OFD 的索引文件")
    with z.open(info) as f:
        data = f.read(MAX_XML_BYTES + 1)
    if len(data) > MAX_XML_BYTES:
        raise OfdUnreadable(f"{member} 过大，不像 OFD 的索引文件")
    # an OFD's XML has no DTD: one here could only be an entity trick (a billion laughs), not a document
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise OfdUnreadable(f"{member} 含有 DTD 声明，不是规范的 OFD")
    try:
        return ET.fromstring(data)
    except ET.ParseError as e:
        raise OfdUnreadable(f"{member} 不是完整的 XML（{e}）") from None


def _member(names: dict[str, str], base: str, path: str) -> str | None:
    """A path inside the OFD (absolute from the package root, or relative to ``base``) as its zip name."""
    path = path.strip().replace("\\", "/")
    if not path:
        return None
    joined = posixpath.normpath(path.lstrip("/") if path.startswith("/") else posixpath.join(base, path))
    return names.get(joined.lower())


def read_ofd(source: zipfile.ZipFile) -> OfdInfo:
    """The description of an opened OFD package; OfdUnreadable when its OFD.xml cannot be read."""
    names = {n.lower(): n for n in source.namelist()}
    root_name = names.get("ofd.xml")
    if root_name is None:
        raise OfdUnreadable("缺少 OFD.xml")
    root = _xml(source, root_name)
    if _local(root.tag) != "OFD":
        raise OfdUnreadable("OFD.xml 的根元素不是 OFD")
    bodies = _children(root, "DocBody")
    if not bodies:
        raise OfdUnreadable("OFD.xml 中没有文档（DocBody）")
    body = bodies[0]
    doc_info = next(iter(_children(body, "DocInfo")), None)
    pages: int | None = None
    signatures = 0
    for each in bodies:
        doc_path = _member(names, "", _child_text(each, "DocRoot"))
        if doc_path is not None:
            try:
                doc = _xml(source, doc_path)
            except OfdUnreadable:
                doc = None
            if doc is not None:
                counted = sum(len(_children(p, "Page")) for p in _children(doc, "Pages"))
                pages = (pages or 0) + counted
        sig_path = _member(names, "", _child_text(each, "Signatures"))
        if sig_path is not None:
            try:
                signatures += len(_children(_xml(source, sig_path), "Signature"))
            except OfdUnreadable:
                pass
    return OfdInfo(
        title=_child_text(doc_info, "Title"),
        author=_child_text(doc_info, "Author"),
        subject=_child_text(doc_info, "Subject"),
        creator=" ".join(
            t for t in (_child_text(doc_info, "Creator"), _child_text(doc_info, "CreatorVersion")) if t
        ),
        creation_date=_child_text(doc_info, "CreationDate"),
        modified=_child_text(doc_info, "ModDate"),
        doc_id=_child_text(doc_info, "DocID"),
        documents=len(bodies),
        pages=pages,
        signatures=signatures,
    )


def ofd_info(data: bytes) -> OfdInfo:
    """The description of an OFD given as bytes (a preview reads the stored file into memory)."""
    import io

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            return read_ofd(z)
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, RuntimeError) as e:
        raise OfdUnreadable(f"文件已损坏或不完整（{e}）") from None
