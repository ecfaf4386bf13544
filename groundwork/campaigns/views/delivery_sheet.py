"""The petition's delivery sheet: a printable PDF of the verified count, by area (fpdf2).

It carries counts only, never a signer's name or email, so it can be handed over in public.
"""

from typing import TypedDict

from django.utils import timezone
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
        pdf.cell(0, 7, "No verified signatures yet.", **NEXT_LINE)
        return
    with pdf.table(col_widths=(3, 1), text_align=("LEFT", "RIGHT")) as table:
        header = table.row()
        header.cell(first_column)
        header.cell("Signatures")
        for area in rows:
            row = table.row()
            row.cell(_latin(area.label))
            row.cell(f"{area.count:,}")
    pdf.ln(4)


def delivery_sheet_pdf(petition: Petition, counts: DeliveryCounts) -> bytes:
    """The delivery sheet as PDF bytes."""
    pdf = FPDF(format="A4")
    pdf.set_title(_latin(f"Delivery sheet: {petition.title}"))
    pdf.set_creator("Groundwork")
    pdf.set_auto_page_break(auto=True, margin=15)
    pdf.add_page()
    pdf.set_font("Helvetica", "B", 18)
    pdf.multi_cell(0, 9, _latin(petition.title), **NEXT_LINE)
    pdf.set_font("Helvetica", "", 11)
    campaign = petition.campaign
    by = campaign.group.name if campaign.group else "the alliance"
    lines = [f'A petition of the campaign "{campaign.title}", by {by}.']
    if petition.target:
        lines.append(f"To: {petition.target}")
    lines.append(f"Printed {timezone.localtime():%d %B %Y at %H:%M}.")
    for line in lines:
        pdf.multi_cell(0, 6, _latin(line), **NEXT_LINE)
    pdf.ln(2)
    pdf.set_font("Helvetica", "", 11)
    pdf.multi_cell(0, 6, _latin(petition.statement[:3000]), **NEXT_LINE)
    pdf.ln(4)
    pdf.set_font("Helvetica", "B", 24)
    pdf.cell(0, 14, f"{counts.total:,} verified signatures", **NEXT_LINE)
    pdf.set_font("Helvetica", "", 10)
    pdf.multi_cell(
        0,
        5,
        "Each signature was confirmed from the signer's own email address; one per address.",
        **NEXT_LINE,
    )
    pdf.ln(4)
    pdf.set_font("Helvetica", "", 11)
    _table(pdf, "By local authority", "Local authority", counts.by_authority)
    pdf.set_font("Helvetica", "", 11)
    _table(pdf, "By postcode district", "Postcode district", counts.by_district)
    return bytes(pdf.output())
