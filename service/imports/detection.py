"""Which platform wrote the file, where its header row is, and which rows hold people."""

from __future__ import annotations

import msgspec

from service.imports.platforms import PLATFORMS, SPREADSHEET, Platform, Spellings, tidy_header
from service.imports.reading import DELIMITERS, ImportProblem, ImportRefused, Row, read_rows, sniff_delimiter

# Zoom puts a few report sections (topic, host, panelists) before the attendees.
PREAMBLE_SCAN_ROWS = 80
NO_HEADER = "The file has no header row. The first row should name the columns, for example: name,email."
NOBODY = "The file has a header row but nobody in it."


class Table(msgspec.Struct, frozen=True):
    """The rows of one export, read the way its platform writes them."""

    platform: Platform
    delimiter: str
    header: list[str]
    header_line: int
    rows: list[Row]  # the people's rows, blank ones left out

    def column(self, spellings: Spellings) -> int | None:
        """The first column whose tidied header is one of ``spellings``."""
        wanted = set(spellings)
        for index, cell in enumerate(self.header):
            if tidy_header(cell) in wanted:
                return index
        return None


def detect_table(text: str) -> Table:
    """Read the text with the delimiter and platform whose header it has (a plain spreadsheet if none)."""
    sniffed = sniff_delimiter(text)
    # Headers are near the top: try each delimiter on the first lines only, then read it all once.
    head = "\n".join(text.split("\n", PREAMBLE_SCAN_ROWS + 1)[: PREAMBLE_SCAN_ROWS + 1])
    for delimiter in (sniffed, *(other for other in DELIMITERS if other != sniffed)):
        try:
            head_rows = read_rows(head, delimiter)
        except ImportRefused:  # a broken quote, or a cell running on past the sample
            continue
        for platform in PLATFORMS:
            if _platform_table(platform, delimiter, head_rows, check_only=True):
                found = _platform_table(platform, delimiter, read_rows(text, delimiter))
                if found is not None:
                    return found
    return _spreadsheet_table(sniffed, read_rows(text, sniffed))


def matches(platform: Platform, header: list[str]) -> bool:
    tidied = {tidy_header(cell) for cell in header}
    return all(any(spelling in tidied for spelling in column) for column in platform.signature)


def _platform_table(platform: Platform, delimiter: str, rows: list[Row], check_only: bool = False) -> Table | None:
    candidates = rows if platform.header_after_preamble else _first_filled(rows)
    limit = PREAMBLE_SCAN_ROWS if platform.header_after_preamble else 1
    for position, row in enumerate(candidates[:limit]):
        if matches(platform, row.cells):
            if check_only:
                return Table(platform, delimiter, row.cells, row.line, [])
            body = candidates[position + 1 :]
            if platform.header_after_preamble:
                body = _until_next_section(body)
            return _table(platform, delimiter, row, body)
    return None


def _spreadsheet_table(delimiter: str, rows: list[Row]) -> Table:
    filled = _first_filled(rows)
    if not filled:
        raise ImportRefused.about_file(NO_HEADER)
    return _table(SPREADSHEET, delimiter, filled[0], filled[1:])


def _table(platform: Platform, delimiter: str, header: Row, body: list[Row]) -> Table:
    people = [row for row in body if not row.is_blank]
    if not people:
        raise ImportRefused([ImportProblem(None, NOBODY)])
    return Table(platform, delimiter, [cell.strip() for cell in header.cells], header.line, people)


def _first_filled(rows: list[Row]) -> list[Row]:
    for position, row in enumerate(rows):
        if not row.is_blank:
            return rows[position:]
    return []


def _until_next_section(rows: list[Row]) -> list[Row]:
    """A report's section ends where a title row ("Panelist Details") has only its first cell filled."""
    for position, row in enumerate(rows):
        filled = [cell for cell in row.cells if cell.strip()]
        if len(filled) == 1 and row.cells[0].strip():
            return rows[:position]
    return rows
