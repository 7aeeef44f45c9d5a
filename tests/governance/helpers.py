"""A small world of the boards' work for the tests: two boards with seats, meetings, agenda, register, documents.

``users["board"]`` sits on the Sounding Board; ``other_member`` (a second board account) sits on the steering
committee only, so each is "a member of another board" for the other's material.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from dataclasses import dataclass

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.governance.models import AgendaItem, Document, Meeting, RegisterEntry
from standortkompass.governance.services.agenda import agenda_item_create
from standortkompass.governance.services.documents import document_upload
from standortkompass.governance.services.meetings import meeting_create
from standortkompass.governance.services.register import entry_create
from standortkompass.processes.models import Board, BoardKind, BoardMember, StrategyProcess


@dataclass
class GovernanceWorld:
    sounding: Board
    steering: Board
    seat: BoardMember  # users["board"] on the Sounding Board
    other_member: User  # a board account on the steering committee only
    other_seat: BoardMember
    meeting: Meeting  # Sounding Board, board level, in ten days
    steering_meeting: Meeting  # steering committee, board level
    internal_meeting: Meeting  # Sounding Board, internal
    item: AgendaItem
    internal_item: AgendaItem
    entry: RegisterEntry  # public recommendation of the Sounding Board
    board_entry: RegisterEntry  # board-level decision of the steering committee
    document: Document  # board-level PDF of the Sounding Board meeting


def pdf_bytes(text: str = "Protokoll") -> bytes:
    """A small but real PDF file with one page of text."""
    stream = f"BT /F1 12 Tf 72 720 Td ({text}) Tj ET".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(f"{number} 0 obj\n".encode() + body + b"\nendobj\n")
    xref = out.tell()
    out.write(f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode())
    for offset in offsets:
        out.write(f"{offset:010d} 00000 n \n".encode())
    out.write(f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode())
    return out.getvalue()


def docx_bytes(text: str = "Beschlussvorlage") -> bytes:
    """A small but real Word document (Office Open XML)."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(
            "[Content_Types].xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.'
            'wordprocessingml.document.main+xml"/></Types>',
        )
        archive.writestr(
            "_rels/.rels",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'officeDocument" Target="word/document.xml"/></Relationships>',
        )
        archive.writestr(
            "word/document.xml",
            '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
            '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>",
        )
    return out.getvalue()


def upload(name: str, data: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, data, content_type=content_type)


def build_governance(process: StrategyProcess, users: dict[str, User]) -> GovernanceWorld:
    editor = users["editor"]
    sounding = Board.objects.create(process=process, name="Sounding Board", kind=BoardKind.SOUNDING_BOARD, order=1)
    steering = Board.objects.create(process=process, name="Lenkungskreis", kind=BoardKind.STEERING_COMMITTEE, order=2)
    seat = BoardMember.objects.create(board=sounding, name="Test Board", user=users["board"], function="Vorsitz")
    BoardMember.objects.create(board=sounding, name="Ohne Konto", function="Mitglied")
    other_member = User.objects.create_user("board2@example.org", "x-" * 10, full_name="Zweites Gremium")
    Membership.objects.create(user=other_member, process=process, role=Role.BOARD)
    other_seat = BoardMember.objects.create(board=steering, name="Zweites Gremium", user=other_member)
    start = timezone.now() + dt.timedelta(days=10)

    def meeting(board: Board, title: str, confidentiality: str, days: int = 0) -> Meeting:
        return meeting_create(
            process=process,
            actor=editor,
            data={
                "board": board,
                "confidentiality": confidentiality,
                "title": title,
                "start": start + dt.timedelta(days=days),
                "end": start + dt.timedelta(days=days, hours=2),
                "location": "Kreishaus",
            },
        )

    sb = meeting(sounding, "Sitzung des Sounding Boards", "board")
    lk = meeting(steering, "Sitzung des Lenkungskreises", "board", days=1)
    internal = meeting(sounding, "Vorbesprechung", "internal", days=-1)
    item = agenda_item_create(
        meeting=sb,
        actor=editor,
        data={"title": "Ergebnisse der Analyse", "text": "Vortrag", "confidentiality": "board"},
    )
    internal_item = agenda_item_create(
        meeting=sb, actor=editor, data={"title": "Personalfragen", "confidentiality": "internal"}
    )
    entry = entry_create(
        process=process,
        actor=editor,
        data={
            "board": sounding,
            "kind": "recommendation",
            "subject": "Fachkräfte zuerst",
            "text": "Das Sounding Board empfiehlt, die Fachkräftesicherung zu priorisieren.",
            "decided_on": dt.date(2027, 3, 1),
            "meeting": sb,
            "status": "open",
            "confidentiality": "public",
        },
    )
    board_entry = entry_create(
        process=process,
        actor=editor,
        data={
            "board": steering,
            "kind": "decision",
            "subject": "Zeitplan beschlossen",
            "text": "Der Lenkungskreis beschließt den Zeitplan.",
            "decided_on": dt.date(2027, 3, 2),
            "meeting": lk,
            "status": "done",
            "confidentiality": "board",
            "votes_yes": 9,
            "votes_no": 1,
            "votes_abstain": 2,
        },
    )
    document = document_upload(
        process=process,
        actor=editor,
        data={"board": sounding, "meeting": sb, "title": "Präsentation Analyse", "confidentiality": "board"},
        upload=upload("analyse.pdf", pdf_bytes()),
    )
    return GovernanceWorld(
        sounding=sounding,
        steering=steering,
        seat=seat,
        other_member=other_member,
        other_seat=other_seat,
        meeting=sb,
        steering_meeting=lk,
        internal_meeting=internal,
        item=item,
        internal_item=internal_item,
        entry=entry,
        board_entry=board_entry,
        document=document,
    )
