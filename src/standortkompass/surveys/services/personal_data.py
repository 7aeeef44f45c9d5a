"""The personal data of the surveys app, for requests about one person (registered in ``SurveysConfig.ready``).

A person is found in a survey through the invitations sent to their e-mail address (or to a contact
person record with it). Responses are exported and unlinked only in named and pseudonymous surveys:
an anonymous response has no link to anybody, so it is never exported and never touched. Contact
requests (the details a respondent of an anonymous survey left apart from the answers) are found by
the e-mail address they contain.
"""

from __future__ import annotations

from django.db.models import Q, QuerySet, TextField
from django.db.models.functions import Cast
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from standortkompass.accounts import personal_data
from standortkompass.accounts.personal_data import Person, Record, fields_of, mentions, plain
from standortkompass.audit.services import audit_objects_forget
from standortkompass.surveys.models import (
    Anonymity,
    CodeAssignment,
    ContactRequest,
    ExportJob,
    MailDelivery,
    MailWave,
    Response,
    SurveyInvitation,
)
from standortkompass.surveys.selectors.surveys import personal_question_names

LINKED = (Anonymity.NAMED, Anonymity.PSEUDONYMOUS)


def _invitations(person: Person) -> QuerySet[SurveyInvitation]:
    return SurveyInvitation.objects.filter(Q(email__iexact=person.email) | Q(contact__email__iexact=person.email))


def _invitation_records(person: Person) -> list[Record]:
    fields = [
        "survey",
        "email",
        "contact",
        "organisation",
        "created_at",
        "invited_at",
        "reminded_at",
        "reminder_count",
        "started",
        "completed",
        "opted_out_at",
        "bounced_at",
        "bounce_reason",
    ]
    invitations = _invitations(person).select_related("survey", "contact", "organisation").order_by("created_at")
    return [fields_of(invitation, fields) for invitation in invitations]


def _invitations_erase(person: Person) -> int:
    ids = list(_invitations(person).values_list("pk", flat=True))
    audit_objects_forget(model=SurveyInvitation, object_ids=ids)
    MailDelivery.objects.filter(invitation__in=ids).update(error="")
    # No further mail: the address is gone, and the invitation counts as opted out.
    SurveyInvitation.objects.filter(pk__in=ids, opted_out_at__isnull=True).update(opted_out_at=timezone.now())
    return SurveyInvitation.objects.filter(pk__in=ids).update(email="", contact=None, bounce_reason="")


def _responses(person: Person) -> QuerySet[Response]:
    return Response.objects.filter(invitation__in=_invitations(person), survey__anonymity__in=LINKED)


def _response_records(person: Person) -> list[Record]:
    fields = ["survey", "status", "language", "named_consent", "started_at", "saved_at", "completed_at"]
    records = []
    for response in _responses(person).select_related("survey").order_by("survey", "started_at"):
        record = fields_of(response, fields)
        record[str(_("answers"))] = plain(response.answers)
        records.append(record)
    return records


def _responses_erase(person: Person) -> int:
    """Unlink: no invitation, no secret to resume, no times, no answers to questions marked as personal data.
    The other answers stay, as an anonymous response, in the survey's results."""
    count = 0
    for response in _responses(person).select_related("version"):
        personal = personal_question_names(response.version)
        response.answers = {name: value for name, value in response.answers.items() if name not in personal}
        response.invitation = None
        response.access_hash = None
        response.started_at = response.saved_at = response.completed_at = None
        response.save(update_fields=["answers", "invitation", "access_hash", "started_at", "saved_at", "completed_at"])
        count += 1
    return count


def _mentions(details: object, email: str) -> bool:
    if isinstance(details, dict):
        return any(_mentions(value, email) for value in details.values())
    if isinstance(details, list):
        return any(_mentions(value, email) for value in details)
    return isinstance(details, str) and mentions(details, email)


def _contact_requests(person: Person) -> list[ContactRequest]:
    # The database narrows the search to details whose text holds the address; Python checks it names it whole.
    candidates = (
        ContactRequest.objects.annotate(text=Cast("details", TextField()))
        .filter(text__icontains=person.email)
        .select_related("survey")
        .order_by("survey", "id")
    )
    return [request for request in candidates if _mentions(request.details, person.email)]


def _contact_request_records(person: Person) -> list[Record]:
    return [fields_of(request, ["survey", "details"]) for request in _contact_requests(person)]


def _contact_requests_erase(person: Person) -> int:
    ids = [request.pk for request in _contact_requests(person)]
    return int(ContactRequest.objects.filter(pk__in=ids).delete()[0])


def _work(person: Person) -> list[Record]:
    if person.user is None:
        return []
    user = person.user
    exports = ExportJob.objects.filter(requested_by=user).select_related("survey").order_by("created_at")
    waves = MailWave.objects.filter(created_by=user).select_related("survey").order_by("created_at")
    codings = CodeAssignment.objects.filter(assigned_by=user).select_related("code").order_by("id")
    return (
        [fields_of(job, ["survey", "format", "suppressed", "created_at"]) for job in exports]
        + [fields_of(wave, ["survey", "kind", "scheduled_at", "created_at"]) for wave in waves]
        + [fields_of(coding, ["code"]) for coding in codings]
    )


def _work_erase(person: Person) -> int:
    if person.user is None:
        return 0
    user = person.user
    return (
        ExportJob.objects.filter(requested_by=user).update(requested_by=None)
        + MailWave.objects.filter(created_by=user).update(created_by=None)
        + CodeAssignment.objects.filter(assigned_by=user).update(assigned_by=None)
    )


def register_personal_data() -> None:
    """Called from ``SurveysConfig.ready``; invitations first, so that responses are unlinked before them."""
    personal_data.register(
        "surveys.invitations",
        label=_("Survey invitations"),
        effect=_("kept for the response rates without contact data: e-mail address and contact person removed"),
        collect=_invitation_records,
        erase=_invitations_erase,
    )
    personal_data.register(
        "surveys.responses",
        label=_("Responses in named or pseudonymous surveys"),
        effect=_(
            "unlinked from the person and kept as anonymous data for the results: no invitation, no times, "
            "no answers to questions marked as personal data"
        ),
        collect=_response_records,
        erase=_responses_erase,
    )
    personal_data.register(
        "surveys.contact_requests",
        label=_("Contact requests left in anonymous surveys"),
        effect=_("deleted"),
        collect=_contact_request_records,
        erase=_contact_requests_erase,
    )
    personal_data.register(
        "surveys.work",
        label=_("Exports, mail waves and codings done by the person"),
        effect=_("kept without the person"),
        collect=_work,
        erase=_work_erase,
    )
