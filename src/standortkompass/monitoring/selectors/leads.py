"""Who leads a project, and which projects a user leads.

A project lead is an account with the Partner role in the process whose e-mail address is that of a contact
person (``processes.ContactPerson``) of the project's lead organisation (``ProjectSheet.lead_organisation``)
— the link "My area" uses for a member's organisation — or of the project's own contact person
(``ProjectSheet.contact``). Addresses are compared without regard to case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable

from django.db.models import Q, QuerySet

from standortkompass.accounts.models import Membership, Role, User
from standortkompass.accounts.predicates import roles_of
from standortkompass.processes.models import ContactPerson, StrategyProcess
from standortkompass.strategy.models import Element, ElementKind, ProjectSheet


def _lead_filter(email: str, prefix: str = "") -> Q:
    return Q(**{f"{prefix}lead_organisation__contacts__email__iexact": email}) | Q(
        **{f"{prefix}contact__email__iexact": email}
    )


def is_partner_in(user: User, process: StrategyProcess) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    return roles_of(user).get(process.pk) == Role.PARTNER


def is_project_lead(user: User, project: Element) -> bool:
    """Whether the user leads the project (Partner in its process, linked by e-mail address)."""
    if project.kind != ElementKind.PROJECT or not user.email:
        return False
    if not is_partner_in(user, project.strategy.process):
        return False
    return ProjectSheet.objects.filter(Q(element=project) & _lead_filter(user.email)).exists()


def projects_led_by(user: User, process: StrategyProcess) -> QuerySet[Element]:
    """The projects of the process's draft the user leads (none for anyone who is not Partner there)."""
    if not user.email or not is_partner_in(user, process):
        return Element.objects.none()
    return (
        Element.objects.filter(strategy__process=process, kind=ElementKind.PROJECT)
        .filter(_lead_filter(user.email, prefix="sheet__"))
        .distinct()
        .order_by("order", "id")
    )


def lead_emails_of(projects: Iterable[int]) -> dict[int, set[str]]:
    """``{project id: {lower-case addresses of its lead contacts}}``: the lead organisation's contacts and the
    project's contact person (two queries)."""
    sheets = list(
        ProjectSheet.objects.filter(element_id__in=list(projects)).values_list(
            "element_id", "lead_organisation_id", "contact__email"
        )
    )
    organisation_ids = {organisation for _project, organisation, _email in sheets if organisation is not None}
    by_organisation: dict[int, set[str]] = defaultdict(set)
    for organisation, email in ContactPerson.objects.filter(organisation_id__in=organisation_ids).values_list(
        "organisation_id", "email"
    ):
        if email:
            by_organisation[organisation].add(email.lower())
    emails: dict[int, set[str]] = {}
    for project, organisation, contact_email in sheets:
        found = set(by_organisation.get(organisation, set())) if organisation is not None else set()
        if contact_email:
            found.add(contact_email.lower())
        emails[project] = found
    return emails


def leads_of(process: StrategyProcess, projects: Iterable[int]) -> dict[int, list[User]]:
    """``{project id: [the accounts that lead it]}`` for the given projects (three queries)."""
    emails = lead_emails_of(projects)
    wanted = {email for found in emails.values() for email in found}
    partners: dict[str, User] = {}
    if wanted:
        memberships = Membership.objects.filter(process=process, role=Role.PARTNER, user__is_active=True)
        for user in User.objects.filter(pk__in=memberships.values("user_id")).order_by("email"):
            if user.email.lower() in wanted:
                partners[user.email.lower()] = user
    return {
        project: sorted((partners[email] for email in found if email in partners), key=lambda user: user.email)
        for project, found in emails.items()
    }
