"""Plain data of the files kit: the roles a file plays on its record and what the windows and the CLI
are told about one file."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from app.kit.files.kinds import kind_of

ROLES = ("正文", "附件", "扫描件", "底稿", "核稿", "定稿", "批示件")
# The drafts of one 发文 are one series of versions (第1稿, 第2稿 …): a new draft is added, never put over
# an older one, so 底稿 → 核稿 → 定稿 stay readable side by side.
DRAFT_ROLES = ("底稿", "核稿", "定稿")
MAX_NAME = 255
MAX_NOTE = 500
DEFAULT_MAX_MB = 100
MAX_MB_SETTING = "files.max_mb"


def normalise_role(role: str) -> str:
    from app.domain.errors import ValidationFailed

    role = (role or "").strip()
    if role not in ROLES:
        raise ValidationFailed({"role": f"文件用途“{role}”不对，应为：{'、'.join(ROLES)}"})
    return role


def role_group(role: str) -> tuple[str, ...]:
    return DRAFT_ROLES if role in DRAFT_ROLES else (role,)


def human_size(size: int) -> str:
    if size < 1024:
        return f"{size} 字节"
    if size < 1024**2:
        return f"{size / 1024:.1f} KB"
    return f"{size / 1024**2:.1f} MB"


@dataclass(frozen=True)
class FileInfo:
    id: int
    register: str
    record_id: int
    record_number: str
    secret_level: str  # the record's 密级: its files are shown, exported and printed under it
    role: str
    version: int
    name: str
    kind: str
    size: int
    sha256: str
    pages: int | None
    note: str
    added_at: datetime
    added_by: str
    added_by_name: str
    voided: bool = False
    void_reason: str = ""

    @property
    def kind_label(self) -> str:
        return kind_of(self.kind).label

    @property
    def preview(self) -> str:
        """'pdf' or 'image' when the program draws it, 'ofd' when it describes it (a note and the OFD's
        own metadata), else '' (Word, WPS, Excel: opened in the office's own program)."""
        return kind_of(self.kind).preview

    @property
    def role_text(self) -> str:
        """正文, 扫描件 …; drafts with their version: 底稿（第1稿）, 定稿（第3稿）."""
        return f"{self.role}（第{self.version}稿）" if self.role in DRAFT_ROLES else self.role

    @property
    def size_text(self) -> str:
        return human_size(self.size)

    @property
    def classified(self) -> bool:
        return self.secret_level not in ("", "none")

    @property
    def secret_level_label(self) -> str:
        from app.domain.enums import SecretLevel

        return SecretLevel(self.secret_level or "none").label


@dataclass(frozen=True)
class FileContent:
    info: FileInfo
    data: bytes


@dataclass(frozen=True)
class FileProblem:
    file_id: int
    register: str
    record_id: int
    where: str  # 收文登记 2025-0123 扫描件“来文.pdf” (no file name for a classified record)
    problem: str

    def text(self) -> str:
        return f"文件#{self.file_id}（{self.where}）：{self.problem}"


@dataclass(frozen=True)
class FilesReport:
    files: int
    blobs: int
    problems: tuple[FileProblem, ...] = ()

    @property
    def ok(self) -> bool:
        return not self.problems

    def text(self) -> str:
        if self.ok:
            return f"记录所附文件：共 {self.files} 个，内容与添加时的 SHA-256 一致"
        lines = [f"记录所附文件：{len(self.problems)} 个异常（共 {self.files} 个）"]
        lines += ["  " + p.text() for p in self.problems]
        return "\n".join(lines)
