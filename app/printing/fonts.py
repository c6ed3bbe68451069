"""CJK fonts for printing: find the office's TrueType fonts (仿宋, 黑体, 楷体, 宋体, 小标宋) or fall back to
the bundled WenQuanYi Micro Hei (and Debian's AR PL UMing/UKai when present), register them with
reportlab once, and tell python-docx which family names to write into w:eastAsia.

Logical names used by every renderer: FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG.
"""

from __future__ import annotations

import os
import struct
import sys
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

FANGSONG = "FANGSONG"
HEITI = "HEITI"
KAITI = "KAITI"
SONGTI = "SONGTI"
XIAOBIAOSONG = "XIAOBIAOSONG"
LOGICAL = (FANGSONG, HEITI, KAITI, SONGTI, XIAOBIAOSONG)

# Family names offices have installed, best first (as written in the fonts' name tables, lower case).
OFFICE_FAMILIES: dict[str, tuple[str, ...]] = {
    FANGSONG: ("仿宋_gb2312", "fangsong_gb2312", "仿宋", "fangsong", "方正仿宋_gbk", "方正仿宋简体"),
    HEITI: ("黑体", "simhei", "方正黑体_gbk", "方正黑体简体"),
    KAITI: ("楷体_gb2312", "kaiti_gb2312", "楷体", "kaiti", "方正楷体_gbk", "方正楷体简体"),
    SONGTI: ("宋体", "simsun", "方正书宋_gbk", "方正书宋简体"),
    XIAOBIAOSONG: (
        "方正小标宋简体",
        "fzxiaobiaosong-b05s",
        "方正小标宋_gbk",
        "fzxiaobiaosong-b05",
        "方正小标宋",
    ),
}
# Fallbacks found on Debian (apt fonts-arphic-*); matched by family name, simplified-Chinese face first.
ARPHIC = {SONGTI: ("ar pl uming cn",), FANGSONG: ("ar pl uming cn",), KAITI: ("ar pl ukai cn",)}
BUNDLED = "wqy-microhei.ttc"
BUNDLED_FAMILY = "WenQuanYi Micro Hei"


@dataclass(frozen=True)
class FontFace:
    path: Path
    index: int  # sub-font of a .ttc collection
    families: tuple[str, ...]  # every family name in the name table (Chinese and English)

    @property
    def display_family(self) -> str:
        """The family Word looks up: the Chinese name when the font has one (what offices type)."""
        chinese = [f for f in self.families if any("\u4e00" <= c <= "\u9fff" for c in f)]
        return (chinese or list(self.families) or [self.path.stem])[0]


@dataclass(frozen=True)
class FontSet:
    """What each logical font resolved to: reportlab font names and Word family names."""

    pdf: dict[str, str]  # logical → registered reportlab font name
    docx: dict[str, str]  # logical → family name for w:eastAsia
    faces: dict[str, FontFace]
    office: dict[str, bool]  # logical → True when the office's own font was found

    def __getitem__(self, logical: str) -> str:
        return self.pdf[logical]


def font_dirs() -> list[Path]:
    from app.paths import fonts_dir

    dirs = [fonts_dir()]
    windir = os.environ.get("WINDIR") or os.environ.get("SystemRoot")
    if windir:
        dirs.append(Path(windir) / "Fonts")
    if sys.platform == "win32":
        dirs.append(Path("C:/Windows/Fonts"))
        local = os.environ.get("LOCALAPPDATA")
        if local:
            dirs.append(Path(local) / "Microsoft" / "Windows" / "Fonts")
    dirs += [
        Path("/usr/share/fonts"),
        Path("/usr/local/share/fonts"),
        Path.home() / ".fonts",
        Path.home() / ".local" / "share" / "fonts",
    ]
    extra = os.environ.get("COUNTY_OFFICE_FONTS")  # an office may point at a folder of its fonts
    if extra:
        dirs.insert(0, Path(extra))
    seen, out = set(), []
    for d in dirs:
        if d.is_dir() and d not in seen:
            seen.add(d)
            out.append(d)
    return out


def _read_name_table(f, offset: int, length: int) -> set[str]:  # type: ignore[no-untyped-def]
    f.seek(offset)
    data = f.read(length)
    if len(data) < 6:
        return set()
    _fmt, count, string_offset = struct.unpack(">HHH", data[:6])
    names: set[str] = set()
    for i in range(count):
        rec = data[6 + 12 * i : 18 + 12 * i]
        if len(rec) < 12:
            break
        platform, _enc, _lang, name_id, n_len, n_off = struct.unpack(">HHHHHH", rec)
        if name_id not in (1, 16):  # family, typographic family
            continue
        raw = data[string_offset + n_off : string_offset + n_off + n_len]
        try:
            text = raw.decode("utf-16-be") if platform in (0, 3) else raw.decode("latin-1")
        except UnicodeDecodeError:
            continue
        if text.strip():
            names.add(text.strip())
    return names


def read_faces(path: Path) -> list[FontFace]:
    """The TrueType-outline faces of a .ttf/.ttc file (CFF-based fonts cannot be embedded by reportlab)."""
    faces: list[FontFace] = []
    try:
        with open(path, "rb") as f:
            head = f.read(12)
            if head[:4] == b"ttcf":
                count = struct.unpack(">I", head[8:12])[0]
                offsets = list(struct.unpack(f">{count}I", f.read(4 * count)))
            else:
                offsets = [0]
            for index, off in enumerate(offsets):
                f.seek(off)
                sfnt = f.read(12)
                if len(sfnt) < 12 or sfnt[:4] not in (b"\x00\x01\x00\x00", b"true"):
                    continue  # 'OTTO' = CFF outlines
                num_tables = struct.unpack(">H", sfnt[4:6])[0]
                directory = f.read(16 * num_tables)
                tables = {
                    directory[16 * i : 16 * i + 4]: struct.unpack(">II", directory[16 * i + 8 : 16 * i + 16])
                    for i in range(num_tables)
                }
                if b"glyf" not in tables or b"name" not in tables:
                    continue
                families = _read_name_table(f, *tables[b"name"])
                faces.append(FontFace(path, index, tuple(sorted(families))))
    except (OSError, struct.error):
        return []
    return faces


def _scan() -> list[FontFace]:
    faces: list[FontFace] = []
    for d in font_dirs():
        for root, _dirs, files in os.walk(d):
            for name in files:
                if name.lower().endswith((".ttf", ".ttc")):
                    faces.extend(read_faces(Path(root) / name))
    return faces


def _find(faces: list[FontFace], wanted: tuple[str, ...]) -> FontFace | None:
    by_family: dict[str, FontFace] = {}
    for face in faces:
        for fam in face.families:
            by_family.setdefault(fam.lower(), face)
    for name in wanted:
        if name in by_family:
            return by_family[name]
    return None


def _bundled() -> FontFace:
    from app.paths import fonts_dir

    path = fonts_dir() / BUNDLED
    for candidate in (path, Path("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc")):
        if candidate.exists():
            return FontFace(candidate, 0, (BUNDLED_FAMILY,))
    raise FileNotFoundError(f"找不到打印用中文字体：{path}")


def resolve_faces(faces: list[FontFace] | None = None) -> tuple[dict[str, FontFace], dict[str, bool]]:
    """logical → face, preferring the office's fonts, then AR PL, then the bundled WenQuanYi."""
    faces = _scan() if faces is None else faces
    chosen: dict[str, FontFace] = {}
    office: dict[str, bool] = {}
    fallback = _bundled()
    for logical in LOGICAL:
        face = _find(faces, OFFICE_FAMILIES[logical])
        office[logical] = face is not None
        if face is None:
            face = _find(faces, ARPHIC.get(logical, ())) or fallback
        chosen[logical] = face
    return chosen, office


@lru_cache(maxsize=1)
def font_set() -> FontSet:
    """Register the fonts with reportlab once per process and return the mapping."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    faces, office = resolve_faces()
    registered: dict[tuple[Path, int], str] = {}
    pdf: dict[str, str] = {}
    for logical, face in faces.items():
        key = (face.path, face.index)
        if key not in registered:
            name = f"CO-{logical}"
            pdfmetrics.registerFont(TTFont(name, str(face.path), subfontIndex=face.index))
            registered[key] = name
        pdf[logical] = registered[key]
    docx = {logical: face.display_family for logical, face in faces.items()}
    return FontSet(pdf=pdf, docx=docx, faces=faces, office=office)


def pdf_font(logical: str) -> str:
    return font_set().pdf[logical]


def docx_family(logical: str) -> str:
    return font_set().docx[logical]
