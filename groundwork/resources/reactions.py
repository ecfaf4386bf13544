"""How the resources app connects to the members' hooks: a member's data download. (Erasure
needs nothing here: what a member wrote for the library stays, by "a former member", and their
skills live in their profile, which the members app deletes.)"""

from groundwork.members.hooks import add_personal_data_exporter
from groundwork.resources.models import HelpAnswer, HelpRequest, Resource


@add_personal_data_exporter
def resources_personal_data(user) -> dict[str, list[dict]]:
    """What the member added to the library, the help they asked for and the answers they gave."""
    return {
        "library_resources": [
            {"title": r.title, "summary": r.summary, "created_at": r.created_at.isoformat()}
            for r in Resource.objects.filter(created_by=user)
        ],
        "help_requests": [
            {"question": h.title, "detail": h.body, "asked_at": h.created_at.isoformat()}
            for h in HelpRequest.objects.filter(asked_by=user)
        ],
        "help_answers": [
            {
                "question": a.help_request.title,
                "answer": a.body,
                "answered_at": a.created_at.isoformat(),
            }
            for a in HelpAnswer.objects.filter(author=user).select_related("help_request")
        ],
    }
