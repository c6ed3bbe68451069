"""The files kit's one setting: how large a single file may be (系统设置, `settings set files.max_mb`)."""

from __future__ import annotations

from app.kit.files.data import DEFAULT_MAX_MB, MAX_MB_SETTING
from app.services.office_settings import SettingSpec

HARD_MAX_MB = 2048  # beyond this a file is no document scan; SQLite keeps it, but a backup would crawl


def _megabytes(text: str) -> int | None:
    text = text.strip()
    if not text:
        return None
    if not text.isdigit() or not 1 <= int(text) <= HARD_MAX_MB:
        raise ValueError(f"应为 1 到 {HARD_MAX_MB} 之间的整数（单位 MB），留空恢复默认 {DEFAULT_MAX_MB} MB")
    return int(text)


def setting_specs() -> list[SettingSpec]:
    return [
        SettingSpec(
            MAX_MB_SETTING,
            "文件：单个文件大小上限（MB）",
            DEFAULT_MAX_MB,
            "记录所附扫描件、正文等单个文件的最大大小；超过的文件不予添加",
            _megabytes,
        )
    ]
