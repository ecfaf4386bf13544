"""The petition's delivery sheet: a printable PDF of the verified count, by area (fpdf2).

It carries counts only, never a signer's name or email, so it can be handed over in public.
"""

from typing import TypedDict

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from fpdf import FPDF
from fpdf.enums import XPos, YPos

from groundwork.campaigns.models import Petition
from groundwork.campaigns.queries import AreaCount, DeliveryCounts


class _Move(TypedDict):
    new_x: XPos
    new_y: YPos


NEXT_LINE: _Move = {"new_x": XPos.LMARGIN, "new_y": YPos.NEXT}


def _latin(text: str) -> str:
    """The core PDF fonts speak Latin-1: typographic quotes and dashes become plain ones."""
    table = str.maketrans({"‘": "'", "’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "..."})
    return text.translate(table).encode("latin-1", "replace").decode("latin-1")


def _table(pdf: FPDF, heading: str, first_column: str, rows: list[AreaCount]) -> None:
    pdf.set_font("Helvetica", "B", 13)
    pdf.cell(0, 10, _latin(heading), **NEXT_LINE)
    pdf.set_font("Helvetica", "", 11)
    if not rows:
        pdf.cell(0, 7, _latin(_("No verified signatures yet.")), **NEXT_LINE)
        return
    with pdf.table(col_widths=(3, 1), text_align=("LEFT", "RIGHT")) as table:
        header = table.row()
        header.cell(_latin(first_column))
        header.cell(_latin(_("Signatures")))
        for area in rows:
            row = table.row()
            row.cell(_latin(area.label))
            row.cell(f"{area.count:,}")
    pdf.ln(4)


def delivery_sheet_pdf(petition: Petition, counts: DeliveryCounts) -> bytes:
    """The delivery sheet as PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(_("Delivery sheet: %(title)s") % {"title": petition.title}))
    pdf.set_creator("Groundwork")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, _latin(petition.title), **NEXT_LINE)
    pdf.set_font("Helvetica", "", 11)
    campaign = petition.campaign
    by = campaign.group.name if campaign.group else _("the alliance")
    lines = [
        _('A petition of the campaign "%(campaign)s", by %(by)s.')
        % {"campaign": campaign.title, "by": by}
    ]
    if petition.target:
        lines.append(_("To: %(target)s") % {"target": petition.target})
    now = timezone.localtime()
    lines.append(
        _("Printed %(date)s at %(time)s.")
        % {"date": date_format(now, "d F Y"), "time": date_format(now, "H:i")}
    )
    for line in lines:
        pdf.multi_cell(0, 6, _latin(line), **NEXT_LINE)
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, _latin(petition.statement[:3000]), **NEXT_LINE)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 24)
    total = ngettext(
        "%(count)s verified signature", "%(count)s verified signatures", counts.total
    ) % {"count": f"{counts.total:,}"}
    pdf.cell(0, 14, _latin(total), **NEXT_LINE)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        5,
        _latin(
            _("Each signature was confirmed from the signer's own email address; one per address.")
        ),
        **NEXT_LINE,
    )
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    _table(pdf, _("By local authority"), _("Local authority"), counts.by_authority)
    pdf.set_font("Helvetica", "", 11)
    _table(pdf, _("By postcode district"), _("Postcode district"), counts.by_district)
    return bytes(pdf.output())
