"""Writing board documents: upload (size limit, type checked by content), change, delete.

The file is stored under ``MEDIA_ROOT/governance/`` with a random name (``governance.storage``) and removed
again when the upload is refused or the transaction fails; a deleted document's file goes after the commit.
"""

from __future__ import annotations

from typing import TypedDict

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.governance.filetypes import detect
from standortkompass.governance.models import Document, Meeting, RegisterEntry
from standortkompass.governance.storage import document_discard, document_store
from standortkompass.processes.models import Board, StrategyProcess
from standortkompass.processes.services.process import create_audited, delete_audited, update_audited

DOCUMENT_FIELDS = ("board", "meeting", "entry", "title", "confidentiality")


class DocumentData(TypedDict, total=False):
    board: Board
    meeting: Meeting | None
    entry: RegisterEntry | None
    title: str
    confidentiality: str


def max_bytes() -> int:
    return int(settings.GOVERNANCE_DOCUMENT_MAX_MB) * 1024 * 1024


def document_check(upload: UploadedFile[bytes]) -> str:
    """The file's type by its content; a ValidationError on the field ``file`` naming the file otherwise."""
    name = upload.name or ""
    if upload.size is not None and upload.size > max_bytes():
        raise ValidationError(
            {
                "file": _("The file “%(name)s” is larger than %(limit)s MB.")
                % {"name": name, "limit": settings.GOVERNANCE_DOCUMENT_MAX_MB}
            }
        )
    if not upload.size:
        raise ValidationError({"file": _("The file “%(name)s” is empty.") % {"name": name}})
    if upload.file is None:
        raise ValidationError({"file": _("The file “%(name)s” is empty.") % {"name": name}})
    file_type = detect(upload.file)
    if file_type is None:
        raise ValidationError(
            {
                "file": _(
                    "The file “%(name)s” is not one of the accepted types (PDF, Word, Excel, PowerPoint, "
                    "OpenDocument, PNG, JPEG, plain text); its content was checked, not its name."
                )
                % {"name": name}
            }
        )
    return file_type


def _original_name(name: str, file_type: str) -> str:
    """The uploaded name without a path, with the ending of the type found (a renamed file gets its real one)."""
    base = name.replace("\\", "/").rsplit("/", 1)[-1].strip() or "dokument"
    stem = base.rsplit(".", 1)[0] if "." in base else base
    return f"{stem[:200]}.{file_type}"


def document_upload(
    *, process: StrategyProcess, actor: User, data: DocumentData, upload: UploadedFile[bytes]
) -> Document:
    file_type = document_check(upload)
    board = data["board"]
    if board.process_id != process.pk:
        raise ValidationError({"board": _("The board belongs to another process.")})
    upload.seek(0)
    stored_name, size, sha256 = document_store(upload.chunks())
    try:
        with transaction.atomic():
            document = Document(
                original_name=_original_name(upload.name or "", file_type),
                stored_name=stored_name,
                file_type=file_type,
                size=size,
                sha256=sha256,
                uploaded_by=actor,
            )
            for name in DOCUMENT_FIELDS:
                if name in data:
                    setattr(document, name, data[name])  # type: ignore[literal-required]
            return create_audited(
                document, actor=actor, action="governance.document.upload", process=process, fields=DOCUMENT_FIELDS
            )
    except BaseException:
        document_discard(stored_name)
        raise


def document_update(*, document: Document, actor: User, data: DocumentData) -> Document:
    with transaction.atomic():
        return update_audited(
            document,
            actor=actor,
            action="governance.document.update",
            process=document.process,
            fields=("meeting", "entry", "title", "confidentiality"),
            data=data,
        )


def document_delete(*, document: Document, actor: User) -> None:
    stored_name = document.stored_name
    with transaction.atomic():
        delete_audited(document, actor=actor, action="governance.document.delete", process=document.process)
        transaction.on_commit(lambda: document_discard(stored_name))
