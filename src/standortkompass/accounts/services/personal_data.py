"""Requests about one person's data (DSGVO Art. 15 and 17): the export as a ZIP file and the erasure.

The kinds of personal data come from the registry ``accounts.personal_data``; this module registers
those of the accounts app (``ACCOUNT_KINDS``, from ``apps.py``) and runs all of them. The erasure is
one transaction: either every kind is erased, or nothing is. Both actions are audited without naming
the person.
"""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile
from dataclasses import dataclass

from axes.models import AccessAttempt, AccessLog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import Q
from django.template.loader import render_to_string
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from standortkompass.accounts.models import Invitation, Membership, Role, User
from standortkompass.accounts.personal_data import Kind, Person, Record, fields_of, plain, register, registered_kinds
from standortkompass.accounts.selectors import second_factor_status
from standortkompass.accounts.services.sessions import user_sessions_end
from standortkompass.audit.services import audit_objects_forget, audit_record


def person_find(*, email: str) -> Person:
    """The person with this e-mail address: the account with it (if any) and the records that name it."""
    address = email.strip().lower()
    return Person(email=address, user=User.objects.filter(email__iexact=address).first())


@dataclass(frozen=True)
class Found:
    kind: Kind
    records: list[Record]


def personal_data_report(*, person: Person) -> list[Found]:
    """What every kind holds about the person, in the order of registration (kinds without records too)."""
    return [Found(kind=kind, records=kind.collect(person)) for kind in registered_kinds()]


def _document(person: Person, report: list[Found], now: dt.datetime) -> dict[str, object]:
    return {
        _("Created on"): plain(now),
        _("E-mail address"): person.email,
        _("Account"): person.user is not None,
        _("Data"): [
            {_("Kind"): str(found.kind.label), _("Number"): len(found.records), _("Records"): found.records}
            for found in report
        ],
    }


def personal_data_export(*, person: Person, actor: User, now: dt.datetime | None = None) -> bytes:
    """A ZIP file with everything the installation holds about the person (``personendaten.json``) and a
    German ``LIESMICH.txt`` that says what is in it. The request is audited without naming the person."""
    now = now or timezone.now()
    with translation.override(settings.LANGUAGE_CODE):
        report = personal_data_report(person=person)
        document = json.dumps(_document(person, report, now), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)
        readme = render_to_string(
            "accounts/personal_data/readme.txt",
            {"person": person, "report": report, "created": timezone.localtime(now)},
        )
        description = _("Information about the data of a person given")
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("personendaten.json", document)
        archive.writestr("LIESMICH.txt", readme)
    audit_record(
        actor=actor,
        action="personal_data.export",
        description=description,
        changes={found.kind.name: len(found.records) for found in report if found.records},
    )
    return buffer.getvalue()


def personal_data_erase_refusal(*, person: Person, actor: User) -> str | None:
    """Why this erasure may not run (the message for the page), or None."""
    user = person.user
    if user is None:
        return None
    if user.pk == actor.pk:
        return _("You cannot erase your own account. Ask another Administration member or an operator.")
    if (user.is_superuser or user.is_staff) and not actor.is_superuser:
        return _("The account of a technical operator can only be erased by an operator (superuser).")
    for membership in Membership.objects.filter(user=user, role=Role.ADMIN).select_related("process"):
        others = Membership.objects.filter(process=membership.process, role=Role.ADMIN, user__is_active=True)
        if not others.exclude(user=user).exists():
            return _(
                "The person is the only Administration member of the process “%(process)s”. "
                "Give another member the Administration role first."
            ) % {"process": membership.process.title}
    return None


def personal_data_erase(*, person: Person, actor: User, requested_on: dt.date) -> dict[str, int]:
    """Erase or anonymise everything about the person, kind by kind in the reverse order of registration,
    in one transaction; returns ``{kind name: records changed}``. Audited as "data of a person erased
    (request of <date>)" with the counts, without naming the person."""
    refusal = personal_data_erase_refusal(person=person, actor=actor)
    if refusal:
        raise ValidationError(refusal)
    if requested_on > timezone.localdate():
        raise ValidationError({"requested_on": _("The request cannot have been made in the future.")})
    with translation.override(settings.LANGUAGE_CODE):  # the audit log is written in the site's language
        description = _("Data of a person erased (request of %(date)s)") % {
            "date": formats.date_format(requested_on, "SHORT_DATE_FORMAT")
        }
    with transaction.atomic():
        counts = {kind.name: kind.erase(person) for kind in reversed(registered_kinds())}
        audit_record(
            actor=actor,
            action="personal_data.erase",
            description=description,
            changes={name: count for name, count in counts.items() if count},
        )
    return counts


# The kinds of the accounts app ------------------------------------------------------------------


def _account(person: Person) -> list[Record]:
    user = person.user
    if user is None:
        return []
    record = fields_of(user, ["email", "full_name", "is_active", "is_staff", "date_joined", "last_login"])
    status = second_factor_status(user=user)
    record[_("Second factor set up")] = status.enrolled
    record[_("Backup codes left")] = status.backup_codes_left
    return [record]


def _account_erase(person: Person) -> int:
    user = person.user
    if user is None:
        return 0
    user_sessions_end(user=user)
    audit_objects_forget(model=User, object_ids=[user.pk])
    # Through the query set, so that ``person.user`` keeps its key for the kinds erased after it;
    # memberships, session records and second-factor devices go with the account.
    User.objects.filter(pk=user.pk).delete()
    return 1


def _membership_records(person: Person) -> list[Record]:
    if person.user is None:
        return []
    memberships = Membership.objects.filter(user=person.user).select_related("process").order_by("created_at")
    return [fields_of(membership, ["process", "role", "created_at"]) for membership in memberships]


def _membership_erase(person: Person) -> int:
    if person.user is None:
        return 0
    memberships = Membership.objects.filter(user=person.user)
    audit_objects_forget(model=Membership, object_ids=memberships.values_list("pk", flat=True))
    return int(memberships.delete()[0])


def _invitations(person: Person) -> list[Invitation]:
    return list(Invitation.objects.filter(email__iexact=person.email).select_related("process").order_by("created_at"))


def _invitation_records(person: Person) -> list[Record]:
    fields = ["process", "email", "full_name", "role", "created_at", "expires_at", "accepted_at"]
    return [fields_of(invitation, fields) for invitation in _invitations(person)]


def _invitation_erase(person: Person) -> int:
    invitations = Invitation.objects.filter(email__iexact=person.email)
    audit_objects_forget(model=Invitation, object_ids=invitations.values_list("pk", flat=True))
    return int(invitations.delete()[0])


def _login_filter(person: Person) -> Q:
    return Q(username__iexact=person.email)


def _login_records(person: Person) -> list[Record]:
    fields = ["attempt_time", "ip_address", "user_agent", "path_info"]
    successful = [
        {_("Successful log-in"): True, **fields_of(entry, fields)}
        for entry in AccessLog.objects.filter(_login_filter(person)).order_by("attempt_time")
    ]
    failed = [
        {_("Successful log-in"): False, **fields_of(entry, [*fields, "failures_since_start"])}
        for entry in AccessAttempt.objects.filter(_login_filter(person)).order_by("attempt_time")
    ]
    return successful + failed


def _login_erase(person: Person) -> int:
    successful = AccessLog.objects.filter(_login_filter(person)).delete()[1].get(AccessLog._meta.label, 0)
    failed = AccessAttempt.objects.filter(_login_filter(person)).delete()[1].get(AccessAttempt._meta.label, 0)
    return int(successful + failed)


def register_account_kinds() -> None:
    """The kinds of the accounts app (called from ``AccountsConfig.ready``); the account first, so that
    it is erased after everything else that points to it."""
    register(
        "accounts.account",
        label=gettext_lazy("Account (with second factor and sessions)"),
        effect=gettext_lazy("deleted; the person is logged out everywhere"),
        collect=_account,
        erase=_account_erase,
    )
    register(
        "accounts.memberships",
        label=gettext_lazy("Memberships and roles in processes"),
        effect=gettext_lazy("deleted"),
        collect=_membership_records,
        erase=_membership_erase,
    )
    register(
        "accounts.invitations",
        label=gettext_lazy("Invitations to an account"),
        effect=gettext_lazy("deleted"),
        collect=_invitation_records,
        erase=_invitation_erase,
    )
    register(
        "accounts.log_ins",
        label=gettext_lazy("Records of log-ins and failed log-ins (time, address, browser)"),
        effect=gettext_lazy("deleted"),
        collect=_login_records,
        erase=_login_erase,
    )
