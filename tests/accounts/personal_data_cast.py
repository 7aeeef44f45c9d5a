"""A person with data in every app, and a neighbour whose data must stay (for tests/accounts/test_personal_data*.py)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from axes.models import AccessLog
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from conftest import PASSWORD
from standortkompass.accounts.models import Invitation, Membership, Role, User
from standortkompass.audit.services import audit_record
from standortkompass.processes.models import (
    AccessibilityFeedback,
    Board,
    BoardMember,
    ContactPerson,
    NewsItem,
    Organisation,
    StrategyProcess,
)
from standortkompass.surveys.models import (
    Anonymity,
    ContactRequest,
    Response,
    ResponseStatus,
    Survey,
    SurveyInvitation,
)
from standortkompass.surveys.services import questionnaire_import, questionnaire_publish
from standortkompass.surveys.services.surveys import survey_create, survey_open
from standortkompass.surveys.tokens import invitation_token, invitation_token_hash, new_invitation_key
from surveys.forms import xlsx

EMAIL = "kim@example.org"
NEIGHBOUR = "max.kim@example.org"  # contains EMAIL, but is another person

FORM = [
    ["type", "name", "label", "personal_data"],
    ["text", "meinung", "Ihre Meinung", ""],
    ["text", "kontakt", "Ihre E-Mail für eine Einladung", "yes"],
]


def make_survey(process: StrategyProcess, anonymity: str, slug: str) -> Survey:
    version = questionnaire_import(
        process=process, data=xlsx(FORM, [["list_name", "name", "label"]], [["form_title"], [slug]]), filename="f.xlsx"
    )
    questionnaire_publish(version=version, actor=None)
    survey = survey_create(
        process=process, questionnaire=version.questionnaire, actor=None, anonymity=anonymity, slug=slug
    )
    return survey_open(survey=survey, actor=None)


def invitation_for(survey: Survey, email: str, contact: ContactPerson | None = None) -> SurveyInvitation:
    key = new_invitation_key()
    return SurveyInvitation.objects.create(
        survey=survey, key=key, token_hash=invitation_token_hash(invitation_token(key)), email=email, contact=contact
    )


@dataclass
class Cast:
    user: User
    neighbour: User
    contact: ContactPerson
    neighbour_contact: ContactPerson
    named: Survey
    anonymous: Survey
    named_response: Response
    anonymous_response: Response
    neighbour_response: Response


def build(process: StrategyProcess, admin: User) -> Cast:
    user = User.objects.create_user(EMAIL, PASSWORD, full_name="Kim Muster")
    neighbour = User.objects.create_user(NEIGHBOUR, PASSWORD, full_name="Max Kim")
    for person in (user, neighbour):
        Membership.objects.create(user=person, process=process, role=Role.PARTNER)
    TOTPDevice.objects.create(user=user, name="Telefon", confirmed=True)
    Invitation.objects.create(
        email=EMAIL,
        full_name="Kim Muster",
        process=process,
        role=Role.PARTNER,
        token_hash="a" * 64,
        invited_by=admin,
        expires_at=timezone.now() + dt.timedelta(days=14),
        accepted_at=timezone.now(),
    )
    organisation = Organisation.objects.create(process=process, name="Muster GmbH", type="company")
    contact = ContactPerson.objects.create(organisation=organisation, name="Kim Muster", email="Kim@Example.org")
    neighbour_contact = ContactPerson.objects.create(organisation=organisation, name="Max Kim", email=NEIGHBOUR)
    board = Board.objects.create(process=process, name="Lenkungskreis")
    BoardMember.objects.create(board=board, name="Kim Muster", user=user, organisation=organisation)
    BoardMember.objects.create(board=board, name="Max Kim", user=neighbour)
    AccessibilityFeedback.objects.create(message="Kontrast zu schwach", name="Kim", email=EMAIL)
    AccessibilityFeedback.objects.create(message="Schrift zu klein", email=NEIGHBOUR)
    NewsItem.objects.create(
        process=process, title="Neu", slug="neu", teaser="t", body="b", author=user, author_name="Kim Muster"
    )

    named = make_survey(process, Anonymity.NAMED, "namentlich")
    anonymous = make_survey(process, Anonymity.ANONYMOUS, "anonym")
    version = named.questionnaire.versions.get()
    named_invitation = invitation_for(named, "kim@example.org", contact)
    neighbour_invitation = invitation_for(named, NEIGHBOUR, neighbour_contact)
    invitation_for(anonymous, EMAIL)
    now = timezone.now()
    named_response = Response.objects.create(
        survey=named,
        version=version,
        invitation=named_invitation,
        access_hash="b" * 64,
        status=ResponseStatus.COMPLETED,
        answers={"meinung": "Mehr Breitband", "kontakt": EMAIL},
        started_at=now,
        saved_at=now,
        completed_at=now,
    )
    neighbour_response = Response.objects.create(
        survey=named,
        version=version,
        invitation=neighbour_invitation,
        status=ResponseStatus.COMPLETED,
        answers={"meinung": "Mehr Parkplätze", "kontakt": NEIGHBOUR},
        completed_at=now,
    )
    anonymous_response = Response.objects.create(
        survey=anonymous,
        version=anonymous.questionnaire.versions.get(),
        status=ResponseStatus.COMPLETED,
        answers={"meinung": "Anonyme Antwort von Kim"},
    )
    ContactRequest.objects.create(survey=anonymous, details={"Ihre E-Mail für eine Einladung": "KIM@example.org"})
    ContactRequest.objects.create(survey=anonymous, details={"Ihre E-Mail für eine Einladung": NEIGHBOUR})

    audit_record(actor=user, action="news.create", process=process, description="Neu")
    audit_record(actor=neighbour, action="news.create", process=process, description="Alt")
    audit_record(actor=admin, action="invitation.create", process=process, description=f"{EMAIL} (Partner)")
    audit_record(actor=admin, action="invitation.create", process=process, description=f"{NEIGHBOUR} (Partner)")
    audit_record(actor=admin, action="contact.create", obj=contact, process=process, changes={"email": EMAIL})
    AccessLog.objects.create(username=EMAIL, ip_address="192.0.2.1", user_agent="Firefox", path_info="/konto/")
    AccessLog.objects.create(username=NEIGHBOUR, ip_address="192.0.2.2", user_agent="Firefox", path_info="/konto/")
    return Cast(
        user=user,
        neighbour=neighbour,
        contact=contact,
        neighbour_contact=neighbour_contact,
        named=named,
        anonymous=anonymous,
        named_response=named_response,
        anonymous_response=anonymous_response,
        neighbour_response=neighbour_response,
    )
