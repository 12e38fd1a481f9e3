"""From the uploaded bytes to rows of cells, each with the line a spreadsheet shows it on.

Encodings: a byte-order mark decides; then strict UTF-8; then charset-normalizer's guess
(Excel's plain "CSV" is the computer's ANSI code page: cp1252 in Western Europe, cp1251,
GBK, ... elsewhere). Delimiters: ``csv.Sniffer`` restricted to the ones Excel and the
ticketing tools write; the platform headers then confirm the guess (see ``detection``).
Parsing is strict, so a quote that is never closed is reported at the line it opens on
instead of silently swallowing the rows after it.
"""

from __future__ import annotations

import codecs
import csv
import io

import charset_normalizer
import msgspec

MAX_IMPORT_BYTES = 1_000_000
MAX_IMPORT_ROWS = 2_000
# Rows of any kind (report sections, cancelled tickets, blank lines) a file may have.
MAX_FILE_ROWS = 2 * MAX_IMPORT_ROWS
# Comma (most tools), semicolon (Excel where the decimal mark is a comma), tab (Excel's
# "Unicode text" and copy-paste), pipe (some database exports).
DELIMITERS = (",", ";", "\t", "|")
SNIFF_SAMPLE_CHARS = 64_000
# Excel's Western default; preferred when the detector finds it exactly as plausible as
# its own pick, because short files give the detector too little to tell code pages apart.
WESTERN_CODE_PAGE = "cp1252"
# What Excel's plain "CSV" is written in: the Windows code page of the computer's language
# (and Mac Roman on old Macs). Old DOS code pages would otherwise win on short files.
EXCEL_CODE_PAGES = (
    *("cp1252", "cp1250", "cp1251", "cp1253", "cp1254", "cp1255", "cp1256", "cp1257", "cp1258"),
    *("cp874", "cp932", "gb18030", "cp949", "big5", "mac_roman"),
)
_BYTE_ORDER_MARKS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)
EMPTY_FILE = (
    "The file is empty. Choose the CSV file your ticketing tool exported (a header row and one row per person)."
)
WORKBOOK = (
    "This is an Excel workbook, not a CSV file. In Excel choose File › Save As › “CSV UTF-8”, then upload that file."
)
NOT_TEXT = "The file could not be read as text. Save it as “CSV UTF-8” and try again."


class ImportProblem(msgspec.Struct, frozen=True):
    line: int | None  # None: about the whole file
    message: str


class ImportRefused(Exception):
    """The upload cannot be imported; nothing was stored. Carries every problem found."""

    def __init__(self, problems: list[ImportProblem]) -> None:
        super().__init__("; ".join(problem.message for problem in problems))
        self.problems = problems

    @classmethod
    def about_file(cls, message: str) -> ImportRefused:
        return cls([ImportProblem(None, message)])


class Row(msgspec.Struct, frozen=True):
    line: int  # where the row starts, as a spreadsheet or text editor numbers lines
    cells: list[str]

    @property
    def is_blank(self) -> bool:
        return not any(cell.strip() for cell in self.cells)


def decode_upload(data: bytes) -> str:
    """The file as text, or ImportRefused saying plainly why it cannot be read."""
    if not data.strip():
        raise ImportRefused.about_file(EMPTY_FILE)
    if len(data) > MAX_IMPORT_BYTES:
        megabytes = MAX_IMPORT_BYTES // 1_000_000
        raise ImportRefused.about_file(f"The file is larger than {megabytes} MB. Split it into smaller files.")
    if data.startswith(b"PK\x03\x04"):
        raise ImportRefused.about_file(WORKBOOK)
    text = _decode(data)
    if "\x00" in text:
        raise ImportRefused.about_file(NOT_TEXT)
    if not text.strip():
        raise ImportRefused.about_file(EMPTY_FILE)
    return text


def _decode(data: bytes) -> str:
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError:
                raise ImportRefused.about_file(NOT_TEXT) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _guess_code_page(data)


def _guess_code_page(data: bytes) -> str:
    best = charset_normalizer.from_bytes(data, cp_isolation=list(EXCEL_CODE_PAGES)).best()
    if best is None:
        raise ImportRefused.about_file(NOT_TEXT)
    western = charset_normalizer.from_bytes(data, cp_isolation=[WESTERN_CODE_PAGE]).best()
    if western is not None and western.chaos <= best.chaos and western.coherence >= best.coherence:
        return str(western)
    return str(best)


def sniff_delimiter(text: str) -> str:
    """The most likely delimiter; failing that, the one the header line uses most; else a comma."""
    sample = text.lstrip("\r\n")[:SNIFF_SAMPLE_CHARS]
    if len(text) > SNIFF_SAMPLE_CHARS and "\n" in sample:
        sample = sample[: sample.rindex("\n")]  # whole lines only
    try:
        return csv.Sniffer().sniff(sample, delimiters="".join(DELIMITERS)).delimiter
    except csv.Error:
        header = next((line for line in sample.splitlines() if any(ch.isalnum() for ch in line)), "")
        counts = {delimiter: header.count(delimiter) for delimiter in DELIMITERS}
        best = max(counts, key=lambda delimiter: counts[delimiter])
        return best if counts[best] else ","


def read_rows(text: str, delimiter: str) -> list[Row]:
    """Every row with the line it starts on; ImportRefused (with that line) when the CSV is broken."""
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quotechar='"', strict=True)
    rows: list[Row] = []
    start = 1
    try:
        for cells in reader:
            rows.append(Row(start, [cell.lstrip("\ufeff") if not rows else cell for cell in cells]))
            start = reader.line_num + 1
            if len(rows) > MAX_FILE_ROWS:
                raise ImportRefused.about_file(
                    f"The file has more than {MAX_FILE_ROWS:,} rows. Split it into smaller files."
                )
    except csv.Error as error:
        raise ImportRefused([ImportProblem(start, _broken_row_message(str(error)))]) from None
    return rows


def _broken_row_message(error: str) -> str:
    if "unexpected end of data" in error or "expected after" in error:
        return (
            'A quote (") opens a cell on this line and is never closed, so the rows after it would run'
            " together. Close the quote or remove it, then upload the file again."
        )
    return f"This line could not be read as CSV ({error})."
