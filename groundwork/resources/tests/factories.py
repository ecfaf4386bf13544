"""Domain verbs for the library's tests: add a resource, upload a file, ask for help, share skills."""

from django.core.files.uploadedfile import SimpleUploadedFile

from groundwork.members.actions import do_update_profile, profile_of
from groundwork.resources import actions
from groundwork.resources.actions import ResourceInput
from groundwork.resources.forms import check_attachment
from groundwork.resources.models import HelpAnswer, HelpRequest, Resource

PDF = b"%PDF-1.4\n1 0 obj << >> endobj\ntrailer << >>\n%%EOF\n"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64


def pdf_upload(name: str = "guide.pdf", content: bytes = PDF) -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type="application/pdf")


def add_resource(group, author, *, title: str = "A guide", **values) -> Resource:
    """`author` adds a resource to `group`'s library (the alliance's, with group None)."""
    values.setdefault("scope", Resource.Scope.ALLIANCE)
    if values.get("attachment") and not values.get("attachment_type"):
        values["attachment_type"] = check_attachment(values["attachment"])
    return actions.check_add_resource(
        group=group, data=ResourceInput(title=title, **values), acting_user=author
    )


def fork_into(resource: Resource, group, organiser) -> Resource:
    return actions.check_fork_resource(resource, group=group, acting_user=organiser)


def ask_for_help(group, member, title: str = "Has anyone run a housing campaign?") -> HelpRequest:
    return actions.check_ask_for_help(group=group, title=title, body="", acting_user=member)


def answer(help_request: HelpRequest, member, body: str = "We did.") -> HelpAnswer:
    return actions.do_answer_help_request(help_request, body=body, acting_user=member)


def share_skills(user, skills: str, *, interests: str = "", consent: bool = True) -> None:
    """The member fills in their skills and (unless `consent` is False) chooses to share them."""
    profile = profile_of(user)
    values = {
        field: getattr(profile, field)
        for field in ("pronouns", "postcode_district", "show_pronouns", "allow_organiser_contact")
    }
    values |= {"skills": skills, "interests": interests, "share_skills": consent}
    do_update_profile(user, display_name=user.display_name, values=values, acting_user=user)


def build_matrix_library(riverside, hillside, *, alice, bob, carol) -> dict:
    """For the permission matrix: Riverside's own guide (by bob), a Hillside guide to
    fork, Riverside's question with carol's answer already saved by alice (so saving again leads
    to that resource), and bob's skills, shared."""
    guide = add_resource(riverside, bob, title="Riverside rota", scope=Resource.Scope.GROUP)
    hillside_guide = add_resource(hillside, carol, title="Library campaign guide")
    question = ask_for_help(riverside, bob, "Has anyone run a council housing campaign?")
    given = answer(question, carol, "We did, with the tenants' associations.")
    saved = actions.check_save_answer_as_resource(given, acting_user=alice)
    share_skills(bob, "Graphic design")
    return {
        "guide": guide,
        "hillside_guide": hillside_guide,
        "question": question,
        "answer": given,
        "saved": saved,
    }
