"""For managers: how many partner agencies were invited to and attended formulation
meetings, by agency and quarter, and whether attendance is tailing off. Counts only,
no child's details, so nothing here is a read of a child's record."""

from __future__ import annotations

import base64
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from xml.sax.saxutils import escape

from django.db.models import Count, Q
from django.db.models.functions import TruncQuarter
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from ecm.core import access
from ecm.core.access import Actor
from ecm.meetings.models import Invitation, MeetingStatus
from ecm.organisations.models import PartnerAgency, Service

QUARTERS = 6
# A change of more than this many percentage points between the first and the last
# quarter with meetings counts as falling or rising.
TREND_POINTS = 10


@dataclass(frozen=True)
class Quarter:
    start: date

    @property
    def end_month(self) -> date:
        return self.start.replace(month=self.start.month + 2)

    @property
    def label(self) -> str:
        return _("%(first)s to %(last)s") % {
            "first": formats.date_format(self.start, "M"),
            "last": formats.date_format(self.end_month, "M Y"),
        }


def quarters_until(today: date, count: int = QUARTERS) -> list[Quarter]:
    index = today.year * 4 + (today.month - 1) // 3
    return [Quarter(date(i // 4, (i % 4) * 3 + 1, 1)) for i in range(index - count + 1, index + 1)]


@dataclass(frozen=True)
class Cell:
    invited: int = 0
    attended: int = 0

    @property
    def rate(self) -> int | None:
        return round(100 * self.attended / self.invited) if self.invited else None


@dataclass
class Row:
    name: str
    cells: list[Cell] = field(default_factory=list)

    @property
    def trend(self) -> str:
        rates = [c.rate for c in self.cells if c.rate is not None]
        if len(rates) < 2:
            return "unknown"
        if rates[-1] < rates[0] - TREND_POINTS:
            return "falling"
        if rates[-1] > rates[0] + TREND_POINTS:
            return "rising"
        return "steady"

    @property
    def trend_label(self) -> str:
        return {
            "falling": _("Falling"),
            "rising": _("Rising"),
            "steady": _("Steady"),
            "unknown": _("Not enough meetings"),
        }[self.trend]


@dataclass
class ServiceAttendance:
    service: Service
    quarters: list[Quarter]
    rows: list[Row]
    total: Row

    @property
    def summary(self) -> str:
        rates = [(q, c.rate) for q, c in zip(self.quarters, self.total.cells, strict=True)]
        known = [(q, r) for q, r in rates if r is not None]
        if len(known) < 2:
            return _("There are not enough held meetings yet to see a trend.")
        values = {"first": known[0][1], "from": known[0][0].label}
        values |= {"last": known[-1][1], "to": known[-1][0].label}
        messages = {
            "falling": _(
                "Yes, attendance is tailing off: agencies attended %(first)s%% of the meetings "
                "they were invited to in %(from)s, and %(last)s%% in %(to)s."
            ),
            "rising": _(
                "No, attendance is rising: agencies attended %(first)s%% of the meetings they "
                "were invited to in %(from)s, and %(last)s%% in %(to)s."
            ),
            "steady": _(
                "No, attendance is steady: agencies attended %(first)s%% of the meetings they "
                "were invited to in %(from)s, and %(last)s%% in %(to)s."
            ),
        }
        return messages[self.total.trend] % values


def attendance_for(actor: Actor, today: date | None = None) -> list[ServiceAttendance]:
    """For each service where the person oversees caseloads: invitations of agencies to
    held meetings and how many attended, by quarter. Two queries."""
    services = {
        m.service_id: m.service
        for m in actor.memberships
        if access.can_oversee_caseloads_in(actor, m.service_id)
    }
    quarters = quarters_until(today or timezone.localdate())
    counts = (
        Invitation.objects.filter(
            agency__isnull=False,
            meeting__status=MeetingStatus.HELD,
            meeting__child__service_id__in=list(services),
            meeting__starts_at__date__gte=quarters[0].start,
        )
        .annotate(quarter=TruncQuarter("meeting__starts_at"))
        .values("agency_id", "quarter")
        .annotate(invited=Count("pk"), attended=Count("pk", filter=Q(attended=True)))
        .order_by()
    )
    by_agency: dict[int, dict[date, Cell]] = defaultdict(dict)
    for row in counts:
        start = timezone.localtime(row["quarter"]).date() if row["quarter"] else None
        if start is not None:
            by_agency[row["agency_id"]][start] = Cell(row["invited"], row["attended"])
    agencies = PartnerAgency.objects.filter(service_id__in=list(services)).order_by("name")
    rows: dict[int, list[Row]] = defaultdict(list)
    for agency in agencies:
        cells = [by_agency[agency.pk].get(q.start, Cell()) for q in quarters]
        rows[agency.service_id].append(Row(agency.name, cells))
    result = []
    for service_id, service in sorted(services.items(), key=lambda item: item[1].name):
        service_rows = rows[service_id]
        total = Row(
            _("All agencies"),
            [
                Cell(
                    sum(r.cells[i].invited for r in service_rows),
                    sum(r.cells[i].attended for r in service_rows),
                )
                for i in range(len(quarters))
            ],
        )
        result.append(ServiceAttendance(service, quarters, service_rows, total))
    return result


# The chart: one line per agency, one cell per quarter. Each cell is a box for the
# invitations, filled from the bottom with a hatched bar for the share attended, and
# the numbers written beside it: nothing depends on colour.

LABEL_W, CELL_W, ROW_H, HEAD_H, BOX_W, BOX_H = 220, 110, 56, 40, 28, 40
INK, BLUE, GREY = "#0b0c0c", "#1d70b8", "#505a5f"


def _cell(x: int, y: int, cell: Cell) -> str:
    box = (
        f'<rect x="{x}" y="{y}" width="{BOX_W}" height="{BOX_H}" fill="#ffffff" '
        f'stroke="{GREY}" stroke-width="1.5"/>'
    )
    if cell.rate is None:
        return box + f'<text x="{x + BOX_W + 8}" y="{y + 25}" font-size="14">–</text>'
    filled = round(BOX_H * cell.rate / 100)
    bar = (
        f'<rect x="{x}" y="{y + BOX_H - filled}" width="{BOX_W}" height="{filled}" '
        f'fill="url(#attended)" stroke="{INK}" stroke-width="1"/>'
        if filled
        else ""
    )
    numbers = _("%(attended)s of %(invited)s") % {
        "attended": cell.attended,
        "invited": cell.invited,
    }
    return (
        box + bar + f'<text x="{x + BOX_W + 8}" y="{y + 16}" font-size="15" font-weight="bold">'
        f"{cell.rate}%</text>"
        f'<text x="{x + BOX_W + 8}" y="{y + 35}" font-size="13">{escape(numbers)}</text>'
    )


def chart_alt(attendance: ServiceAttendance) -> str:
    lines = [attendance.summary]
    lines += [
        _("%(agency)s: %(trend)s") % {"agency": row.name, "trend": row.trend_label.lower()}
        for row in attendance.rows
    ]
    lines.append(_("The table below gives every number."))
    return " ".join(line if line.endswith(".") else line + "." for line in lines)


def chart_size(attendance: ServiceAttendance) -> tuple[int, int]:
    return LABEL_W + CELL_W * len(attendance.quarters), HEAD_H + ROW_H * (len(attendance.rows) + 1)


def chart_svg(attendance: ServiceAttendance) -> str:
    rows = [attendance.total, *attendance.rows]
    width, height = chart_size(attendance)
    parts = [
        '<defs><pattern id="attended" width="6" height="6" patternUnits="userSpaceOnUse" '
        'patternTransform="rotate(45)">'
        f'<rect width="6" height="6" fill="{BLUE}"/>'
        '<line x1="0" y1="0" x2="0" y2="6" stroke="#ffffff" stroke-width="2"/></pattern></defs>'
    ]
    for index, quarter in enumerate(attendance.quarters):
        parts.append(
            f'<text x="{LABEL_W + CELL_W * index}" y="24" font-size="14" font-weight="bold">'
            f"{escape(quarter.label)}</text>"
        )
    for number, row in enumerate(rows):
        y = HEAD_H + ROW_H * number
        weight = ' font-weight="bold"' if number == 0 else ""
        name = row.name if len(row.name) <= 26 else row.name[:25] + "…"
        parts.append(
            f'<line x1="0" y1="{y - 4}" x2="{width}" y2="{y - 4}" stroke="#b1b4b6"/>'
            f'<text x="0" y="{y + 18}" font-size="15"{weight}>{escape(name)}</text>'
            f'<text x="0" y="{y + 37}" font-size="13" fill="{GREY}">'
            f"{escape(row.trend_label)}</text>"
        )
        for index, cell in enumerate(row.cells):
            parts.append(_cell(LABEL_W + CELL_W * index, y + 2, cell))
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" font-family="Arial, sans-serif" role="img">'
        f"<title>{escape(_('Agency attendance at formulation meetings, by quarter'))}</title>"
        f"<desc>{escape(chart_alt(attendance))}</desc>" + "".join(parts) + "</svg>"
    )


def chart_data_uri(attendance: ServiceAttendance) -> str:
    return "data:image/svg+xml;base64," + base64.b64encode(chart_svg(attendance).encode()).decode(
        "ascii"
    )
