"""Files on records, for every register of every area: scans, 正文, 附件, drafts with their versions,
批示件 — stored inside the database, checked by `check`, read under the record's permissions, audited.

The API other parts use (``services.files``):
    attach(actor, register, record_id, path_or_bytes, role, name=None, note="") -> FileInfo
    prepare(path_or_bytes, name) -> Prepared; attach_in(session, actor, reg, obj, prepared, role)
    list(actor, register, record_id) / get(actor, file_id) / read(actor, file_id) -> FileContent
    export(actor, file_id, target) / open_copy(actor, file_id, folder) / record_print / void
    import_folder(files, actor, register, folder, role, dry_run=...) (app.kit.files.folder)
"""

from app.kit.files.data import DRAFT_ROLES, ROLES, FileContent, FileInfo, FileProblem, FilesReport
from app.kit.files.service import FilesService, Prepared

__all__ = [
    "DRAFT_ROLES",
    "ROLES",
    "FileContent",
    "FileInfo",
    "FileProblem",
    "FilesReport",
    "FilesService",
    "Prepared",
]
