"""Small inline SVG charts for the report: no external assets, no script, print-friendly.

Each function returns the SVG markup as a :class:`markupsafe.Markup` string ready to be put
into an HTML page as it is. Every chart is an accessible image: ``role="img"``, a ``<title>``
and a ``<desc>`` that says the same figures in words (the page also shows them in a table).
Marks carry classes and ``data-year`` / ``data-value`` attributes so that tests can count them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from markupsafe import Markup, escape

INCOME_COLOUR = "#3f6fa8"   # bars: family income
AREA_COLOUR = "#b03a2e"     # line and points: owned area
GRID_COLOUR = "#d0d4da"
TEXT_COLOUR = "#222"
FONT = "font-family:Arial,Helvetica,sans-serif"


def _num(value: float, decimals: int = 0) -> str:
    """Russian number text for chart labels: `1 474 895`, `64,7`."""
    text = f"{value:,.{decimals}f}".replace(",", "\u00a0").replace(".", ",")
    if decimals and "," in text:
        text = text.rstrip("0").rstrip(",")
    return text


def nice_ceiling(value: float) -> float:
    """The smallest 1, 2, 2.5 or 5 × 10^n not below `value` (axis maximum); 1 for zero."""
    if value <= 0:
        return 1.0
    power = 10 ** math.floor(math.log10(value))
    for step in (1, 2, 2.5, 5, 10):
        if value <= step * power * (1 + 1e-9):
            return step * power
    return 10 * power  # pragma: no cover - the loop always returns


def money_short(value: float) -> str:
    """Axis labels for roubles: `2,5 млн`, `800 тыс.`, `0`."""
    if value == 0:
        return "0"
    if abs(value) >= 1_000_000:
        return f"{_num(value / 1_000_000, 2)}\u00a0млн"
    if abs(value) >= 1_000:
        return f"{_num(value / 1_000, 1)}\u00a0тыс."
    return _num(value)


def income_area_chart(
    points: Sequence[tuple[int, float, float]],
    *,
    title: str,
    chart_id: str,
    width: int = 440,
    height: int = 190,
) -> Markup:
    """Family income (bars, left axis, руб.) and owned real-estate area (line with a point per year,
    right axis, кв. м) for the given (year, income, area) points, in year order."""
    points = sorted(points)
    left, right, top, bottom = 62, 58, 30, 28
    plot_w, plot_h = width - left - right, height - top - bottom
    income_max = nice_ceiling(max((p[1] or 0 for p in points), default=0))
    area_max = nice_ceiling(max((p[2] or 0 for p in points), default=0))
    n = max(len(points), 1)
    slot = plot_w / n
    bar_w = min(46.0, slot * 0.5)

    def y_income(v: float) -> float:
        return top + plot_h - (v or 0) / income_max * plot_h

    def y_area(v: float) -> float:
        return top + plot_h - (v or 0) / area_max * plot_h

    desc = "; ".join(f"{year}: доход {_num(income or 0, 2)} руб., площадь {_num(area or 0, 2)} кв. м"
                     for year, income, area in points) or "нет данных"
    out: list[str] = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart income-area" id="{escape(chart_id)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" style="{FONT}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]
    # grid and both axes' labels (0, ½, max)
    for fraction in (0.0, 0.5, 1.0):
        y = top + plot_h - fraction * plot_h
        out.append(f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
                   f'stroke="{GRID_COLOUR}" stroke-width="1"/>')
        out.append(f'<text x="{left - 6}" y="{y + 4:.1f}" font-size="10" text-anchor="end" '
                   f'fill="{INCOME_COLOUR}">{escape(money_short(income_max * fraction))}</text>')
        out.append(f'<text x="{left + plot_w + 6}" y="{y + 4:.1f}" font-size="10" text-anchor="start" '
                   f'fill="{AREA_COLOUR}">{escape(_num(area_max * fraction, 1))}</text>')
    # legend
    out.append(f'<rect x="{left}" y="8" width="10" height="10" fill="{INCOME_COLOUR}"/>'
               f'<text x="{left + 14}" y="17" font-size="11" fill="{TEXT_COLOUR}">Доход семьи, руб.</text>')
    legend_x = left + 150
    out.append(f'<line x1="{legend_x}" y1="13" x2="{legend_x + 16}" y2="13" stroke="{AREA_COLOUR}" stroke-width="2"/>'
               f'<circle cx="{legend_x + 8}" cy="13" r="3.5" fill="{AREA_COLOUR}"/>'
               f'<text x="{legend_x + 22}" y="17" font-size="11" fill="{TEXT_COLOUR}">'
               f'Площадь в собственности, кв. м</text>')
    # bars (income)
    for i, (year, income, area) in enumerate(points):
        cx = left + slot * (i + 0.5)
        y = y_income(income)
        h = max(top + plot_h - y, 0.0)
        out.append(f'<rect class="bar income-bar" data-year="{year}" data-value="{income or 0:.2f}" '
                   f'x="{cx - bar_w / 2:.1f}" y="{y:.1f}" width="{bar_w:.1f}" height="{h:.1f}" '
                   f'fill="{INCOME_COLOUR}" fill-opacity="0.85"><title>{year}: доход '
                   f'{escape(_num(income or 0, 2))} руб.</title></rect>')
        out.append(f'<text x="{cx:.1f}" y="{top + plot_h + 16}" font-size="11" text-anchor="middle" '
                   f'fill="{TEXT_COLOUR}">{year}</text>')
    # line and points (area)
    coords = [(left + slot * (i + 0.5), y_area(area)) for i, (_, _, area) in enumerate(points)]
    if len(coords) > 1:
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in coords)
        out.append(f'<polyline class="area-line" points="{path}" fill="none" stroke="{AREA_COLOUR}" '
                   f'stroke-width="2"/>')
    for (x, y), (year, _, area) in zip(coords, points):
        out.append(f'<circle class="point area-point" data-year="{year}" data-value="{area or 0:.2f}" '
                   f'cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{AREA_COLOUR}" stroke="#fff" stroke-width="1">'
                   f'<title>{year}: площадь {escape(_num(area or 0, 2))} кв. м</title></circle>')
    out.append("</svg>")
    return Markup("".join(out))


def bar_list_chart(
    items: Sequence[tuple[str, int]],
    *,
    title: str,
    chart_id: str,
    width: int = 440,
    bar_height: int = 16,
    colour: str = INCOME_COLOUR,
) -> Markup:
    """Horizontal bars, one per (label, count), e.g. flags by code; labels left, counts right."""
    label_w, value_w, gap = 200, 40, 6
    height = max(len(items), 1) * (bar_height + gap) + gap
    top_value = max((v for _, v in items), default=0) or 1
    plot_w = width - label_w - value_w
    desc = "; ".join(f"{label}: {value}" for label, value in items) or "нет данных"
    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart bar-list" id="{escape(chart_id)}" '
        f'width="{width}" height="{height}" viewBox="0 0 {width} {height}" role="img" '
        f'aria-labelledby="{escape(chart_id)}-title {escape(chart_id)}-desc" style="{FONT}">',
        f'<title id="{escape(chart_id)}-title">{escape(title)}</title>',
        f'<desc id="{escape(chart_id)}-desc">{escape(desc)}</desc>',
    ]
    for i, (label, value) in enumerate(items):
        y = gap + i * (bar_height + gap)
        w = value / top_value * plot_w
        out.append(f'<text x="{label_w - 6}" y="{y + bar_height - 4}" font-size="10" text-anchor="end" '
                   f'fill="{TEXT_COLOUR}">{escape(label)}</text>')
        out.append(f'<rect class="bar" data-label="{escape(label)}" data-value="{value}" x="{label_w}" y="{y}" '
                   f'width="{w:.1f}" height="{bar_height}" fill="{colour}"/>')
        out.append(f'<text x="{label_w + w + 4:.1f}" y="{y + bar_height - 4}" font-size="10" '
                   f'fill="{TEXT_COLOUR}">{value}</text>')
    out.append("</svg>")
    return Markup("".join(out))
