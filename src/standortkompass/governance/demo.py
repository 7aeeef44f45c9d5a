"""The demo of the boards' work: meetings of the Sounding Board and the steering committee with agendas,
attendance and minutes, two recommendations of the Sounding Board and the steering committee's decision on the
strategy. Everything is labelled as demo content (``is_demo``, "(Demo)" in the texts); people and texts are
made up.

The meetings use the board meetings among the demo's dates (``processes.demo.dates_and_news``): the earlier
meeting of each board has minutes approved at the later one. The decision names version 1 of the demo
strategy: when the strategy's demo step has decided it already, the decision only points to it; when the
version is still submitted, recording the decision decides it (``entry_create``). Running the step again
changes nothing.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.governance.models import AttendanceStatus, Meeting, RegisterEntry
from standortkompass.governance.services.agenda import agenda_item_create
from standortkompass.governance.services.meetings import attendance_save, meeting_create, minutes_approve, minutes_save
from standortkompass.governance.services.register import action_create, entry_create, entry_name_decided_version
from standortkompass.processes.demo.builder import event_uid
from standortkompass.processes.models import Board, BoardKind, Event, StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, StrategyVersion, VersionState

# (event key of the demo dates, confidentiality, agenda titles, minutes)
SOUNDING_EARLIER = (
    "sounding-board-2",
    "board",
    (
        "Erste Ergebnisse der Standortanalyse",
        "Stand der Unternehmensbefragung",
        "Vorbereitung des Unternehmensworkshops",
    ),
    "**Demo-Protokoll.** Die Wirtschaftsförderung stellt die ersten Ergebnisse der Standortanalyse vor. "
    "Das Sounding Board bittet darum, die Lage der Automobilzulieferer gesondert auszuwerten. "
    "Der Rücklauf der Unternehmensbefragung liegt im Plan.",
)
SOUNDING_LATER = (
    "sounding-board-3",
    "board",
    (
        "Genehmigung des Protokolls der letzten Sitzung",
        "Beratung des Strategieentwurfs",
        "Empfehlungen an den Lenkungskreis",
    ),
    "**Demo-Protokoll.** Das Sounding Board genehmigt das Protokoll der Sitzung vom 9. Dezember 2026. "
    "Es berät den Entwurf der Zukunftsstrategie Handlungsfeld für Handlungsfeld und beschließt zwei "
    "Empfehlungen an den Lenkungskreis.",
)
STEERING_EARLIER = (
    "lenkungskreis-1",
    "public",
    ("Begrüßung und Arbeitsweise des Lenkungskreises", "Zeitplan des Strategieprozesses", "Verschiedenes"),
    "**Demo-Protokoll.** Der Lenkungskreis gibt sich seine Arbeitsweise: Er tagt zweimal im Jahr, "
    "Beschlüsse fallen mit einfacher Mehrheit. Der Zeitplan des Prozesses wird beschlossen.",
)
STEERING_LATER = (
    "lenkungskreis-beschluss",
    "public",
    (
        "Genehmigung des Protokolls der letzten Sitzung",
        "Empfehlungen des Sounding Boards",
        "Beschluss der Zukunftsstrategie",
    ),
    "**Demo-Protokoll.** Der Lenkungskreis genehmigt das Protokoll der konstituierenden Sitzung, nimmt die "
    "Empfehlungen des Sounding Boards auf und beschließt die Zukunftsstrategie in der Fassung der Version 1.",
)
RECOMMENDATIONS = (
    (
        "Fachkräftesicherung mit Vorrang umsetzen (Demo)",
        "Das Sounding Board empfiehlt dem Lenkungskreis, die Maßnahmen des Handlungsfelds *Fachkräfte sichern* "
        "als Erste umzusetzen und dafür eine Koordinierungsstelle einzurichten.",
        "In der Unternehmensbefragung nennen die meisten Betriebe den Fachkräftemangel als größtes Hemmnis.",
        "Fachkräfte sichern",
        "in_progress",
    ),
    (
        "Gewerbeflächen interkommunal entwickeln (Demo)",
        "Das Sounding Board empfiehlt, neue Gewerbeflächen gemeinsam mit den Nachbarkommunen in einem "
        "interkommunalen Flächenpool zu entwickeln.",
        "Die Flächenreserven einzelner Städte und Gemeinden reichen für Erweiterungen der Betriebe nicht aus.",
        "Gewerbeflächen und Standortentwicklung",
        "open",
    ),
)
DECISION_SUBJECT = "Beschluss der Zukunftsstrategie (Demo)"
DECISION_TEXT = (
    "Der Lenkungskreis beschließt die Zukunftsstrategie für den Wirtschaftsstandort in der Fassung der "
    "Version 1 und beauftragt die Wirtschaftsförderung mit der Umsetzung."
)
DECISION_CONDITIONS = "Die Empfehlungen des Sounding Boards werden im ersten Umsetzungsbericht aufgegriffen."


def _editor(process: StrategyProcess) -> User | None:
    membership = (
        Membership.objects.filter(process=process, role=Role.EDITOR).select_related("user").order_by("id").first()
    )
    return membership.user if membership is not None else None


def _meeting(
    process: StrategyProcess,
    editor: User,
    board: Board,
    spec: tuple[str, str, Sequence[str], str],
    elements: Sequence[Element] = (),
) -> Meeting | None:
    key, confidentiality, agenda, minutes = spec
    event = Event.objects.filter(process=process, uid=event_uid(key)).first()
    if event is None:
        return None
    meeting = meeting_create(
        process=process,
        actor=editor,
        data={"board": board, "event": event, "confidentiality": confidentiality},
        is_demo=True,
    )
    for number, title in enumerate(agenda):
        agenda_item_create(
            meeting=meeting,
            actor=editor,
            data={"title": title, "text": "", "confidentiality": confidentiality},
            elements=elements if number == 1 else (),
        )
    members = list(board.members.order_by("order", "name"))
    statuses = {
        member.pk: AttendanceStatus.EXCUSED if index == len(members) - 1 else AttendanceStatus.PRESENT
        for index, member in enumerate(members)
    }
    attendance_save(
        meeting=meeting,
        actor=editor,
        statuses=statuses,
        guests=[
            {"name": "Team der Wirtschaftsförderung (Demo)", "organisation": "", "status": AttendanceStatus.PRESENT}
        ],
    )
    minutes_save(meeting=meeting, actor=editor, minutes=minutes)
    return meeting


def _elements(process: StrategyProcess, kind: str, titles: Sequence[str] = ()) -> list[Element]:
    elements = Element.objects.filter(strategy__process=process, kind=kind).order_by("order", "id")
    if titles:
        elements = elements.filter(title__in=titles)
    return list(elements)


def governance_demo_load(*, process: StrategyProcess) -> None:
    """The demo's meetings, recommendations and decision; nothing when they are there already."""
    if Meeting.objects.filter(board__process=process, is_demo=True).exists():
        return
    editor = _editor(process)
    sounding = process.boards.filter(kind=BoardKind.SOUNDING_BOARD).order_by("order").first()
    steering = process.boards.filter(kind=BoardKind.STEERING_COMMITTEE).order_by("order").first()
    if editor is None or sounding is None or steering is None:
        return
    fields = _elements(process, ElementKind.FIELD)
    sb_earlier = _meeting(process, editor, sounding, SOUNDING_EARLIER)
    sb_later = _meeting(process, editor, sounding, SOUNDING_LATER, fields)
    lk_earlier = _meeting(process, editor, steering, STEERING_EARLIER)
    lk_later = _meeting(process, editor, steering, STEERING_LATER, _elements(process, ElementKind.VISION))
    if sb_earlier is not None and sb_later is not None:
        minutes_approve(meeting=sb_earlier, actor=editor, approving=sb_later)
    if lk_earlier is not None and lk_later is not None:
        minutes_approve(meeting=lk_earlier, actor=editor, approving=lk_later)

    recommendations: list[RegisterEntry] = []
    for subject, text, rationale, field_title, status in RECOMMENDATIONS:
        recommendations.append(
            entry_create(
                process=process,
                actor=editor,
                data={
                    "board": sounding,
                    "kind": "recommendation",
                    "subject": subject,
                    "text": text,
                    "rationale": rationale,
                    "decided_on": dt.date(2027, 9, 15),
                    "meeting": sb_later,
                    "status": status,
                    "confidentiality": "public",
                },
                elements=_elements(process, ElementKind.FIELD, [field_title]),
                is_demo=True,
            )
        )
    action_create(
        entry=recommendations[0],
        actor=editor,
        data={
            "text": "Koordinierungsstelle Fachkräfte ausschreiben (Demo)",
            "owner_user": editor,
            "due_on": dt.date(2027, 11, 30),
        },
    )

    version = StrategyVersion.objects.filter(strategy__process=process, number=1).first()
    submitted = version is not None and version.state == VersionState.SUBMITTED
    admin = Membership.objects.filter(process=process, role=Role.ADMIN).select_related("user").order_by("id").first()
    actor = admin.user if admin is not None else editor
    decision = entry_create(
        process=process,
        actor=actor,
        data={
            "board": steering,
            "kind": "decision",
            "subject": DECISION_SUBJECT,
            "text": DECISION_TEXT,
            "rationale": "Der Entwurf wurde im Sounding Board und in der Konsultation beraten (Demo).",
            "decided_on": dt.date(2027, 10, 13),
            "meeting": lk_later,
            "status": "implemented",
            "confidentiality": "public",
            "votes_yes": 11,
            "votes_no": 0,
            "votes_abstain": 1,
            "conditions": DECISION_CONDITIONS,
            **({"strategy_version": version, "version_approved": True} if submitted else {}),
        },
        elements=_elements(process, ElementKind.VISION),
        is_demo=True,
    )
    if version is not None and not submitted and version.state in (VersionState.APPROVED, VersionState.REJECTED):
        entry_name_decided_version(entry=decision, actor=actor, version=version)
    action_create(
        entry=decision,
        actor=actor,
        data={
            "text": "Ersten Umsetzungsbericht vorlegen (Demo)",
            "owner_name": "Wirtschaftsförderung",
            "due_on": dt.date(2028, 3, 31),
        },
    )
