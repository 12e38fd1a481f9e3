"""Bar charts for the report, as plain geometry that ``templates/followup/_chart.html`` draws as
inline SVG.

Our own small template instead of a plotting library: the three charts are all bar charts over a
handful of categories, this is ~60 lines with no dependency, renders in microseconds (the report
has a 1 s budget), needs no scripts or external styles, and every label goes through Jinja's
autoescaping. Each chart also comes with its numbers as a table for screen readers and print.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from service.followup.report import Report

WIDTH, HEIGHT = 640, 260
LEFT, BOTTOM, TOP = 40, 40, 24
USEFUL_CLASSES = ((1, "Not really", "step-1"), (2, "Somewhat", "step-2"), (3, "Very useful", "step-3"))


@dataclass(frozen=True)
class Segment:
    y: float
    height: float
    value: int
    css_class: str


@dataclass(frozen=True)
class Bar:
    x: float
    width: float
    label: str
    total: int
    segments: list[Segment]


@dataclass(frozen=True)
class Chart:
    id: str
    title: str
    description: str
    bars: list[Bar]
    top_value: int
    legend: list[tuple[str, str]]  # (label, css class)
    width: int = WIDTH
    height: int = HEIGHT
    left: int = LEFT
    bottom: int = HEIGHT - BOTTOM
    top: int = TOP


def bar_chart(
    chart_id: str,
    title: str,
    description: str,
    columns: Sequence[tuple[str, Sequence[tuple[int, str]]]],
    legend: Sequence[tuple[str, str]] = (),
) -> Chart:
    """``columns``: (label, [(value, css class), ...] stacked bottom up) for each bar."""
    top_value = max([sum(v for v, _ in parts) for _, parts in columns] + [1])
    plot_height = HEIGHT - BOTTOM - TOP
    slot = (WIDTH - LEFT - 8) / max(1, len(columns))
    bars = []
    for index, (label, parts) in enumerate(columns):
        base, segments = float(HEIGHT - BOTTOM), []
        for value, css_class in parts:
            height = plot_height * value / top_value
            base -= height
            segments.append(Segment(y=round(base, 1), height=round(height, 1), value=value, css_class=css_class))
        x = LEFT + index * slot + slot * 0.15
        bars.append(Bar(round(x, 1), round(slot * 0.7, 1), label, sum(v for v, _ in parts), segments))
    return Chart(chart_id, title, description, bars, top_value, list(legend))


def report_charts(report: Report) -> list[Chart]:
    values = bar_chart(
        "chart-values",
        "Planned value per person",
        "How many people (bar height) the plan gives each range of value (match score summed over their meetings).",
        [(label, [(count, "bar")]) for label, count in report.values.bins],
    )
    usefulness = bar_chart(
        "chart-usefulness",
        "How useful meetings were, by round",
        "Answers to “Was it useful?” in each round, stacked from “not really” to “very useful”.",
        [
            (f"Round {r.round_number}", [(r.usefulness[step], css) for step, _, css in USEFUL_CLASSES])
            for r in report.rounds
        ],
        legend=[(label, css) for _, label, css in USEFUL_CLASSES],
    )
    connections = bar_chart(
        "chart-connections",
        "Mutual connections over time",
        "Connections made so far (both pressed Keep in touch), counted up to the end of each period that has begun.",
        [(label, [(count, "bar")]) for label, count in report.connections_over_time],
    )
    return [values, usefulness, connections]
