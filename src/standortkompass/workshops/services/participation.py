"""Taking part in a live session: joining with the code, one's name and stakeholder group, being removed.

Joining gives a random token (``secrets.token_urlsafe(32)``) that the participant's page puts in a cookie; it is
returned once and only its SHA-256 is stored. Someone joining again with the same account gets a new token for
the same participant (the old cookie stops working). A facilitator can remove a disruptive participant: the
token then finds nobody and every contribution is refused; what they contributed stays (cards can be hidden).
"""

from __future__ import annotations

import datetime as dt
import secrets
import unicodedata
from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import connection, transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from standortkompass.accounts.models import User
from standortkompass.audit.services import audit_record
from standortkompass.workshops.models import LiveSession, Participant, SessionState, StakeholderGroup, Table
from standortkompass.workshops.selectors.participants import token_hash
from standortkompass.workshops.services import live

DISPLAY_NAME_MAX_LENGTH = 60
# participant_seen writes last_seen_at at most this often per participant.
SEEN_INTERVAL = dt.timedelta(seconds=30)
PARTICIPANT_FIELDS = ("display_name", "group")


# Characters that turn the direction of the text around it (a card could show on the wall as something else).
BIDI_CONTROLS = frozenset("\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")


def clean_text(text: object) -> str:
    """Text as typed, without control characters (except line breaks and tabs), direction overrides and
    surrounding spaces; line breaks as ``\\n``. The database never sees a NUL byte, templates escape the rest."""
    value = str(text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(
        character
        for character in value
        if character in "\n\t" or (unicodedata.category(character) != "Cc" and character not in BIDI_CONTROLS)
    ).strip()


def hold_session(session_id: int) -> LiveSession:
    """Hold the session's row against changes of its phases until the transaction ends (call first in it), and
    return it as it is now.

    ``phase_open``, ``phase_close``, ``phase_reopen`` and ``session_end`` lock the session's row for update
    before they change a phase or take its snapshot. A contribution takes a key-share lock on that row first: it
    waits for such a change to commit (and then finds the phase closed) or the change waits for it (and its
    snapshot holds it), while contributions of different participants do not wait for each other. The lock
    order is always session, then participant. On SQLite one writing transaction runs at a time anyway."""
    if connection.vendor != "postgresql":
        return LiveSession.objects.get(pk=session_id)
    table = connection.ops.quote_name(LiveSession._meta.db_table)
    held = list(LiveSession.objects.raw(f"SELECT * FROM {table} WHERE id = %s FOR KEY SHARE", [session_id]))  # noqa: S608 - the table's name
    if not held:
        raise LiveSession.DoesNotExist(f"LiveSession {session_id} does not exist")
    return held[0]


def _display_name(value: object) -> str:
    name = " ".join(clean_text(value).split())
    if len(name) > DISPLAY_NAME_MAX_LENGTH:
        raise ValidationError(
            {"display_name": _("The name may have at most %(max)s characters.") % {"max": DISPLAY_NAME_MAX_LENGTH}}
        )
    return name


def _group(value: object) -> str:
    group = str(value or "")
    if group and group not in StakeholderGroup.values:
        raise ValidationError({"group": _("Choose one of the stakeholder groups.")})
    return group


def participant_join(
    *, session: LiveSession, display_name: str = "", group: str = "", user: User | None = None
) -> tuple[Participant, str]:
    """Join the live session; returns the participant and their token (only now: it is not stored).

    Only while the session is live. With ``user`` (someone logged in), the account's participant of the session
    is joined again with a new token if there is one."""
    name = _display_name(display_name)
    chosen_group = _group(group)
    token = secrets.token_urlsafe(32)
    with transaction.atomic():
        hold_session(session.pk)
        current = LiveSession.objects.get(pk=session.pk)
        if current.state != SessionState.LIVE:
            if current.state == SessionState.ENDED:
                raise ValidationError(_("This workshop session has ended; it can no longer be joined."))
            raise ValidationError(_("This workshop session has not started yet; please wait until it starts."))
        participant = None
        if user is not None and user.pk:
            participant = Participant.objects.select_for_update().filter(session=current, user=user).first()
        if participant is not None:
            if participant.removed_at is not None:
                raise ValidationError(_("You were removed from this workshop session."))
            participant.token_hash = token_hash(token)
            participant.display_name = name or participant.display_name
            participant.group = chosen_group or participant.group
        else:
            participant = Participant(
                session=current,
                token_hash=token_hash(token),
                display_name=name,
                group=chosen_group,
                user=user if user is not None and user.pk else None,
                is_demo=current.workshop.is_demo,
            )
        participant.last_seen_at = timezone.now()
        participant.full_clean()
        participant.save()
        live.announce(current, event="participants")
    return participant, token


def participant_update(*, participant: Participant, data: Mapping[str, object]) -> Participant:
    """Change one's display name or stakeholder group (keys of ``data``: display_name, group)."""
    unknown = set(data) - set(PARTICIPANT_FIELDS)
    if unknown:
        raise ValidationError(_("These details cannot be changed here: %(fields)s.") % {"fields": ", ".join(unknown)})
    values: dict[str, str] = {}
    if "display_name" in data:
        values["display_name"] = _display_name(data["display_name"])
    if "group" in data:
        values["group"] = _group(data["group"])
    with transaction.atomic():
        hold_session(participant.session_id)
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.removed_at is not None:
            raise ValidationError(_("You were removed from this workshop session."))
        session = LiveSession.objects.get(pk=locked.session_id)
        if session.state == SessionState.ENDED:
            raise ValidationError(_("This workshop session has ended; it can no longer be changed."))
        for name, value in values.items():
            setattr(locked, name, value)
            setattr(participant, name, value)
        locked.full_clean()
        locked.save(update_fields=list(values))
        live.announce(session, event="participants")
    return participant


def participant_remove(*, participant: Participant, actor: User) -> Participant:
    """Remove a disruptive participant: their token stops working, they no longer host a table. Audited."""
    with transaction.atomic():
        hold_session(participant.session_id)
        locked = Participant.objects.select_for_update().get(pk=participant.pk)
        if locked.removed_at is not None:
            return locked
        session = LiveSession.objects.select_related("workshop__process").get(pk=locked.session_id)
        locked.removed_at = timezone.now()
        locked.save(update_fields=["removed_at"])
        Table.objects.filter(host=locked).update(host=None)
        participant.removed_at = locked.removed_at
        audit_record(
            actor=actor,
            action="workshops.participant.remove",
            obj=locked,
            process=session.workshop.process,
            description=f"{session.title}: {locked.display_name or str(locked.pk)[:8]}",
        )
        live.announce(session, event="participants", removed=str(locked.pk))
    return locked


def participant_seen(participant: Participant) -> bool:
    """Note that the participant is here (the participation figures: active in the last minutes). Writes at most
    once in 30 seconds per participant (one conditional UPDATE, no announcement); True if it wrote."""
    now = timezone.now()
    if participant.last_seen_at is not None and now - participant.last_seen_at < SEEN_INTERVAL:
        return False
    written = (
        Participant.objects.filter(pk=participant.pk)
        .filter(Q(last_seen_at__isnull=True) | Q(last_seen_at__lt=now - SEEN_INTERVAL))
        .update(last_seen_at=now)
    )
    participant.last_seen_at = now
    return bool(written)
