"""Synthetic scans of GB/T 9704 first pages for the OCR tests and bench/bench_ocr.py: a random 发文 record
goes through the program's own mapping (app.areas.documents.official.official_document) and its first
page is drawn with the geometry of app.printing.gbt9704_docx (版心 37/28 mm, 28.95 pt lines, the red
mark 35 mm below the 版心 top, 字号 2 lines below it, the red line 4 mm under the 字号, 标题 2 lines
below in 2号), then rasterised with PDFium and made to look scanned (rotation, blur, noise, JPEG).

The .docx layout itself cannot be rasterised here (no office suite on the machine), so the first page is
re-drawn in reportlab from the same OfficialDocument and the same constants."""

from __future__ import annotations

import io
import random
from dataclasses import dataclass
from datetime import date
from pathlib import Path

PLACES = ("临川", "南丰", "黎川", "崇仁", "宜黄", "金溪", "资溪", "广昌", "乐安", "东乡", "南城", "抚州",
          "赣州", "瑞金", "兴国", "于都", "会昌", "寻乌", "安远", "信丰", "大余", "上犹", "崇义", "龙南")  # fmt: skip
# (organ pattern, 代字 pattern, with 文件) — {p} place, {s} its first character
ORGANS = (
    ("中共{p}县委办公室", "{s}办发", True),
    ("中共{p}县委", "{s}发", True),
    ("{p}县人民政府", "{s}府发", True),
    ("{p}县人民政府办公室", "{s}府办发", True),
    ("中共{p}县委组织部", "{s}组字", True),
    ("中共{p}县委宣传部", "{s}宣发", True),
    ("{p}县财政局", "{s}财字", True),
    ("{p}县教育体育局", "{s}教体字", True),
    ("{p}县卫生健康委员会", "{s}卫健字", True),
    ("{p}县应急管理局", "{s}应急字", True),
    ("中共{p}市委办公室", "{s}办字", True),
    ("{p}市人民政府办公室", "{s}府办字", True),
    ("{p}县农业农村局", "{s}农字", False),
    ("{p}县自然资源局", "{s}自然资源字", False),
    ("共青团{p}县委员会", "{s}团发", True),
    ("{p}县妇女联合会", "{s}妇字", True),
)
SUBJECTS = ("做好2026年防汛抗旱工作", "开展安全生产大检查", "加强基层党组织建设", "进一步规范公文处理工作",
            "做好春节期间值班工作", "开展耕地保护专项整治", "印发《乡村振兴实施方案》", "推进数字政府建设",
            "召开全县经济工作会议", "做好森林防灭火工作", "开展作风建设年活动", "加强重点项目调度",
            "做好2025年度考核工作", "调整县应急指挥部组成人员", "表彰先进基层党组织", "开展消防安全宣传月活动",
            "进一步加强信访工作", "做好高校毕业生就业工作", "开展营商环境优化提升行动", "做好秋季学校开学工作",
            "成立县乡村振兴工作领导小组", "加强城乡环境综合整治", "开展全民国防教育", "下达2026年财政预算")  # fmt: skip
KINDS = ("通知", "通知", "意见", "报告", "请示", "决定", "通报", "批复", "函", "方案")
LEVELS = ("", "", "", "秘密", "机密", "绝密")
PERIODS = ("", "1年", "5年", "10年", "20年", "6个月", "3年")
URGENCIES = ("", "", "加急", "特急")
LEVEL_VALUES = {"秘密": "secret", "机密": "confidential", "绝密": "top_secret"}
URGENCY_VALUES = {"加急": "urgent", "特急": "extra_urgent"}


@dataclass(frozen=True)
class PageSpec:
    """What the page says: the truth the OCR is scored against."""

    issuer: str  # 发文机关 (without 文件)
    mark: str  # 发文机关标志 as printed
    number: str  # 发文字号
    title: str
    secret_level: str  # label or ''
    secret_period: str
    urgency: str  # label or ''
    copy_number: str  # 6 digits or ''
    written_on: date
    chinese_date: bool  # 成文日期 in Chinese numerals (older documents)
    fonts: int  # which set of faces


def random_spec(rng: random.Random) -> PageSpec:
    place = rng.choice(PLACES)
    organ, code, with_file = rng.choice(ORGANS)
    issuer = organ.format(p=place)
    mark = issuer + ("文件" if with_file else "")
    year = rng.randint(2016, 2026)
    number = f"{code.format(s=place[0])}〔{year}〕{rng.choice((rng.randint(1, 9), rng.randint(10, 320)))}号"
    kind = rng.choice(KINDS)
    title = (
        f"{issuer}关于{rng.choice(SUBJECTS)}的{kind}"
        if rng.random() < 0.4
        else f"关于{rng.choice(SUBJECTS)}的{kind}"
    )
    level = rng.choice(LEVELS)
    ceiling = {"秘密": 10, "机密": 20, "绝密": 30}.get(level, 0)
    period = (
        rng.choice([p for p in PERIODS if not p.endswith("年") or int(p[:-1]) <= ceiling]) if level else ""
    )
    copy_number = f"{rng.randint(1, 999):06d}" if level or rng.random() < 0.2 else ""
    return PageSpec(
        issuer=issuer,
        mark=mark,
        number=number,
        title=title,
        secret_level=level,
        secret_period=period,
        urgency=rng.choice(URGENCIES),
        copy_number=copy_number,
        written_on=date(year, rng.randint(1, 12), rng.randint(1, 28)),
        chinese_date=rng.random() < 0.25,
        fonts=rng.randint(0, 2),
    )


def official(spec: PageSpec):  # type: ignore[no-untyped-def]
    """The spec as the 发文 record the program would print, through its own mapping."""
    from app.areas.documents.official import official_document

    rec = {
        "doc_type": None, "issuer_mark": spec.mark, "title": spec.title, "number": spec.number,
        "body": "为认真贯彻落实上级有关部署，经研究，现将有关事项通知如下。\n一、提高思想认识\n"
                "各单位要高度重视，切实加强组织领导，明确责任分工，确保各项工作落到实处。",
        "copy_from": int(spec.copy_number) if spec.copy_number else None,
        "secret_level": LEVEL_VALUES.get(spec.secret_level), "secret_period": spec.secret_period,
        "urgency": URGENCY_VALUES.get(spec.urgency), "signer": "", "main_to": "各乡镇党委，县直各单位",
        "attachments": "", "issuer": spec.issuer, "written_on": spec.written_on, "signed_on": None,
        "note": "", "cc": "", "issued_on": spec.written_on,
    }  # fmt: skip
    return official_document(rec, {})


def chinese_date(d: date) -> str:
    digits = "〇一二三四五六七八九"
    from app.printing.gbt9704 import cn_number

    return "".join(digits[int(c)] for c in str(d.year)) + f"年{cn_number(d.month)}月{cn_number(d.day)}日"


_FACES = {
    # (正文仿宋, 黑体, 小标宋) per font set; the faces Debian has (the office's own fonts are not here)
    0: ("/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/arphic/uming.ttc"),
    1: ("/usr/share/fonts/truetype/arphic/ukai.ttc", "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc",
        "/usr/share/fonts/truetype/wqy/wqy-microhei.ttc"),
    2: ("/usr/share/fonts/truetype/arphic/uming.ttc", "/usr/share/fonts/truetype/arphic/ukai.ttc",
        "/usr/share/fonts/truetype/arphic/ukai.ttc"),
}  # fmt: skip


def _fonts(n: int) -> tuple[str, str, str]:
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont

    names = []
    for path in _FACES[n]:
        name = "SCAN-" + Path(path).stem
        if name not in pdfmetrics.getRegisteredFontNames():
            # sub-font 0: the CN faces of the Arphic collections, the proportional Micro Hei
            pdfmetrics.registerFont(TTFont(name, path, subfontIndex=0))
        names.append(name)
    return names[0], names[1], names[2]


def _wrap(text: str, per_line: int) -> list[str]:
    return [text[i : i + per_line] for i in range(0, len(text), per_line)] or [""]


def first_page_pdf(spec: PageSpec) -> bytes:
    """Page 1 of the document as PDF bytes."""
    from reportlab.lib.units import mm
    from reportlab.pdfgen import canvas

    from app.printing.gbt9704 import cn_date
    from app.printing.gbt9704_docx import CHAR, LINE, TEXT_PT, _mark_size

    doc = official(spec)
    song, hei, title_face = _fonts(spec.fonts)
    buf = io.BytesIO()
    c = canvas.Canvas(buf, pagesize=(210 * mm, 297 * mm))
    left, width, top = 28 * mm, 156 * mm, 297 * mm - 37 * mm
    red = (0.85, 0.05, 0.05)
    y = top - TEXT_PT  # baseline of line 1
    head = [(doc.copy_number, song), (doc.marking, hei), (doc.urgency, hei)]
    lines = 0
    for text, face in head:
        if text:
            c.setFont(face, TEXT_PT)
            c.drawString(left, top - lines * LINE - TEXT_PT, text)
            lines += 1
    size = _mark_size(doc.issuer_mark)
    mark_top = top - 35 * mm
    c.setFillColorRGB(*red)
    c.setFont(title_face, size)
    mark_base = mark_top - size
    c.drawCentredString(left + width / 2, mark_base, doc.issuer_mark)
    c.setFillColorRGB(0, 0, 0)
    number_base = mark_base - size * 0.25 - 2 * LINE
    c.setFont(song, TEXT_PT)
    c.drawCentredString(left + width / 2, number_base, doc.doc_number)
    rule = number_base - 4 * mm - 3
    c.setStrokeColorRGB(*red)
    c.setLineWidth(1.5)
    c.line(left, rule, left + width, rule)
    y = rule - 2 * LINE
    c.setFont(title_face, 22)
    for part in _wrap(doc.title, 19):
        c.drawCentredString(left + width / 2, y, part)
        y -= LINE * 1.1
    y -= LINE * 0.4
    c.setFont(song, TEXT_PT)
    c.drawString(left, y, doc.main_recipients + "：")
    for para in doc.body:
        text = para.text if hasattr(para, "text") else str(para)
        for i, part in enumerate(_wrap(text, 26 if True else 28)):
            y -= LINE
            c.drawString(left + (2 * CHAR if i == 0 else 0), y, part)
    dated = chinese_date(spec.written_on) if spec.chinese_date else cn_date(doc.date)
    y -= 3 * LINE
    right = left + width - 4 * CHAR
    c.drawRightString(right - CHAR, y, doc.issuer_signature)
    y -= LINE
    c.drawRightString(right, y, dated)
    # the seal, red, pressing on 署名 and date
    c.setStrokeColorRGB(*red)
    c.setLineWidth(2.5)
    c.circle(right - 3.5 * CHAR, y + 0.9 * LINE, 20 * mm)
    c.showPage()
    c.save()
    return buf.getvalue()


def scan(pdf: bytes, rng: random.Random, dpi: int = 200, clean: bool = False):  # type: ignore[no-untyped-def]
    """Rasterise with PDFium and add what a desk scanner adds: a slight skew, blur, grain, uneven
    paper, JPEG. Returns a PIL image (RGB)."""
    import numpy as np
    import pypdfium2 as pdfium
    from PIL import Image, ImageFilter

    pdf_doc = pdfium.PdfDocument(pdf)
    try:
        image = pdf_doc[0].render(scale=dpi / 72).to_pil().convert("RGB")
    finally:
        pdf_doc.close()
    if clean:
        return image
    # red ink as printed is not pure red, and black is not pure black
    image = image.rotate(rng.uniform(-1.5, 1.5), resample=Image.Resampling.BICUBIC, fillcolor=(250, 250, 248))
    image = image.filter(ImageFilter.GaussianBlur(rng.uniform(0.2, 1.1)))
    arr = np.asarray(image).astype(np.int16)
    gen = np.random.default_rng(rng.randint(0, 2**31))
    arr = arr + gen.normal(0, rng.uniform(4, 14), arr.shape[:2])[..., None].astype(np.int16)
    arr = (arr * rng.uniform(0.85, 1.0) + rng.uniform(0, 25)).clip(0, 255).astype(np.uint8)
    # dust: a few dark specks
    for _ in range(rng.randint(20, 120)):
        y, x = gen.integers(0, arr.shape[0] - 3), gen.integers(0, arr.shape[1] - 3)
        arr[y : y + 2, x : x + 2] = gen.integers(20, 90)
    out = io.BytesIO()
    Image.fromarray(arr).save(out, "JPEG", quality=rng.randint(55, 85))
    out.seek(0)
    return Image.open(out).convert("RGB")


def scan_file(spec: PageSpec, rng: random.Random, folder: Path, name: str, dpi: int = 200) -> Path:
    path = folder / f"{name}.jpg"
    scan(first_page_pdf(spec), rng, dpi).save(path, "JPEG", quality=90)
    return path
