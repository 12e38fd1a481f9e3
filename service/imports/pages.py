"""The import pages: upload, preview (with the organiser's column choices), confirm.

Controllers stay thin: they read the form and call ``preview_page`` or ``confirm_import``;
everything about files, columns and matching lives in this package.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import anyio
import msgspec
from litestar.response import Template
from sqlalchemy.ext.asyncio import AsyncSession

from service.db.models import Event
from service.imports.detection import Table
from service.imports.mapping import (
    ROLE,
    ROLE_LABEL,
    TAG_FIELDS,
    TAG_LABELS,
    ColumnMapping,
    encode_columns,
    guess_mapping,
    mapping_from_form,
    question_columns,
    spare_columns,
)
from service.imports.people import ParsedImport
from service.imports.preview import open_upload, seal_upload
from service.imports.reading import ImportProblem, ImportRefused
from service.imports.services import ImportPlan, apply_import, check_people, plan_import, read_table

UPLOAD_TEMPLATE = "attendees/import.html"
PREVIEW_TEMPLATE = "attendees/import_preview.html"
DELIMITER_NAMES = {",": "commas", ";": "semicolons", "\t": "tabs", "|": "vertical bars"}
SAMPLES_PER_COLUMN = 2


class ImportResult(msgspec.Struct, frozen=True):
    added: int
    updated: int
    skipped: int

    def query(self) -> str:
        return f"new={self.added}&updated={self.updated}&skipped={self.skipped}"


def upload_page(
    event: Event, problems: list[ImportProblem] | None = None, result: ImportResult | None = None
) -> Template:
    context = {"event": event, "problems": problems or [], "result": result}
    return Template(UPLOAD_TEMPLATE, context=context, status_code=400 if problems else 200)


def result_from_query(query: Mapping[str, str]) -> ImportResult | None:
    counts = [query.get(name, "") for name in ("new", "updated", "skipped")]
    if not all(count.isdigit() and len(count) < 7 for count in counts):
        return None
    return ImportResult(*(int(count) for count in counts))


async def preview_page(
    session: AsyncSession, event: Event, secret: str, data: bytes, choices: Mapping[str, str] | None = None
) -> Template:
    """What importing ``data`` would do, or the upload page with the problems (nothing stored either way)."""
    try:
        table, guess, mapping, parsed = await anyio.to_thread.run_sync(_parsed, data, choices, _roles(event))
        plan = await plan_import(session, event, parsed)
    except ImportRefused as refusal:
        return upload_page(event, refusal.problems)
    context = _preview_context(event, table, guess, mapping, plan)
    context["sealed"] = seal_upload(secret, str(event.id), data)
    return Template(PREVIEW_TEMPLATE, context=context)


def sealed_upload(secret: str, event: Event, fields: Mapping[str, str]) -> bytes | Template:
    """The upload a preview form carries, or the upload page when the form is stale or changed."""
    try:
        return open_upload(secret, str(event.id), dict(fields))
    except ImportRefused as refusal:
        return upload_page(event, refusal.problems)


async def confirm_import(
    session: AsyncSession, event: Event, secret: str, fields: Mapping[str, str]
) -> ImportResult | Template:
    """Import the sealed upload with the chosen columns (flushed, not committed), or a page saying why not."""
    try:
        data = open_upload(secret, str(event.id), dict(fields))
        _table, _guess, _mapping, parsed = await anyio.to_thread.run_sync(_parsed, data, fields, _roles(event))
        plan = await plan_import(session, event, parsed)
    except ImportRefused as refusal:
        return upload_page(event, refusal.problems)
    try:
        await apply_import(session, event, plan)
    except ImportRefused as refusal:
        await session.rollback()
        await session.refresh(event)  # the page below reads it; the rollback expired it
        return upload_page(event, refusal.problems)
    return ImportResult(len(plan.new), len(plan.updates), len(plan.skipped))


def _roles(event: Event) -> tuple[str, ...]:
    return tuple(event.roles or ())


def _parsed(
    data: bytes, choices: Mapping[str, str] | None, roles: tuple[str, ...]
) -> tuple[Table, ColumnMapping, ColumnMapping, ParsedImport]:
    """The file read and every row checked: pure work that takes a second for a 1 MB file, so
    callers run it on a worker thread and the server goes on answering everyone else."""
    table = read_table(data)
    guess = guess_mapping(table, roles)
    mapping = mapping_from_form(dict(choices), table, guess) if choices is not None else guess
    return table, guess, mapping, check_people(table, mapping, roles)


def _preview_context(
    event: Event, table: Table, guess: ColumnMapping, mapping: ColumnMapping, plan: ImportPlan
) -> dict[str, Any]:
    header = table.header
    questions = set(question_columns(table, mapping))
    fields = (*TAG_FIELDS, ROLE) if event.roles else TAG_FIELDS
    tag_choice = {column: field for field in fields for column in mapping.tag_columns(field)}
    columns = [
        {
            "index": column,
            "header": header[column],
            "samples": _samples(table, column),
            "choice": tag_choice.get(column, ""),
            "question": column in questions,
        }
        for column in spare_columns(table, mapping)
    ]
    return {
        "event": event,
        "platform": table.platform.label,
        "delimiter": DELIMITER_NAMES.get(table.delimiter, table.delimiter),
        "header_line": table.header_line,
        "name_options": _options(header, guess.name, mapping.name, " + "),
        "email_options": _options(header, (), ((mapping.email,),) if mapping.email is not None else (), ""),
        "organisation_options": _options(header, (guess.organisation,), (mapping.organisation,), ", "),
        "question_columns": [column for column in columns if column["question"]],
        "other_columns": [column for column in columns if not column["question"]],
        "tag_labels": (TAG_LABELS | {ROLE: ROLE_LABEL}) if event.roles else TAG_LABELS,
        "roles": list(event.roles or []),
        "plan": plan,
        "summary": plan.summary(),
    }


def _options(
    header: list[str], guessed: tuple[tuple[int, ...], ...], chosen: tuple[tuple[int, ...], ...], joiner: str
) -> list[dict[str, Any]]:
    """Select options: nothing, the platform's guess (columns joined), then each column alone."""
    wanted = encode_columns(tuple(alternative for alternative in chosen if alternative))
    values = [("", "(none)")]
    if len(guessed) > 1 or any(len(alternative) > 1 for alternative in guessed):
        values.append((encode_columns(guessed), _label(header, guessed, joiner)))
    values.extend((str(column), cell or f"Column {column + 1}") for column, cell in enumerate(header))
    if wanted and wanted not in {value for value, _ in values}:
        values.insert(1, (wanted, _label(header, chosen, joiner)))
    return [{"value": value, "label": label, "selected": value == wanted} for value, label in values]


def _label(header: list[str], alternatives: tuple[tuple[int, ...], ...], joiner: str) -> str:
    parts = [joiner.join(header[column] for column in alternative) for alternative in alternatives if alternative]
    return parts[0] + "".join(f" (else {part})" for part in parts[1:]) if parts else "(none)"


def _samples(table: Table, column: int) -> list[str]:
    found: list[str] = []
    for row in table.rows:
        value = row.cells[column].strip() if column < len(row.cells) else ""
        if value and value not in found:
            found.append(value[:80])
        if len(found) == SAMPLES_PER_COLUMN:
            break
    return found
