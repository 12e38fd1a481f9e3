import codecs

import pytest

from service.imports.reading import (
    MAX_IMPORT_BYTES,
    ImportRefused,
    decode_upload,
    read_rows,
    sniff_delimiter,
)


@pytest.mark.parametrize(
    ("data", "text"),
    [
        ("\ufeffname\nZoë\n".encode(), "name\nZoë\n"),  # Luma, Excel's "CSV UTF-8"
        ("name\n李小龙\n".encode(), "name\n李小龙\n"),
        ("name\nZoë\n".encode("cp1252"), "name\nZoë\n"),  # Excel's plain "CSV" in Western Europe
        (
            "Vorname;Nachname\nJörg;Müller\nRenée;Façade\n".encode("cp1252"),
            "Vorname;Nachname\nJörg;Müller\nRenée;Façade\n",
        ),
        ("Имя;Фамилия\nИван;Петров\nМария;Сидорова\n".encode("cp1251"), "Имя;Фамилия\nИван;Петров\nМария;Сидорова\n"),
        (
            "姓名,公司\n李小龙,北京科技有限公司\n王芳,上海贸易\n".encode("gbk"),
            "姓名,公司\n李小龙,北京科技有限公司\n王芳,上海贸易\n",
        ),
        (
            codecs.BOM_UTF16_LE + "name\temail\nZoë\tz@example.com\n".encode("utf-16-le"),
            "name\temail\nZoë\tz@example.com\n",
        ),
    ],
)
def test_every_encoding_excel_writes_is_read(data: bytes, text: str) -> None:
    assert decode_upload(data) == text


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (b"", "The file is empty."),
        (b" \r\n\t", "The file is empty."),
        (codecs.BOM_UTF8 + b"\r\n", "The file is empty."),
        (b"PK\x03\x04\x14\x00", "This is an Excel workbook"),
        (b"name\nAna\x00Silva\n", "could not be read as text"),
        (b"x" * (MAX_IMPORT_BYTES + 1), "larger than 1 MB"),
    ],
)
def test_unreadable_uploads_say_why(data: bytes, message: str) -> None:
    with pytest.raises(ImportRefused) as refused:
        decode_upload(data)
    assert refused.value.problems[0].line is None and message in refused.value.problems[0].message


@pytest.mark.parametrize(
    ("text", "delimiter"),
    [
        ("name,email\nAna,a@example.com\nBen,b@example.com\n", ","),
        ("Vorname;Interessen\nJörg;Python, Django\nAna;Kunst, Musik, Sport\nBen;Fußball\n", ";"),
        ('name;tags\n"Silva, Ana";"a, b"\nBen;c\n', ";"),
        ("name\temail\nAna\ta@example.com\n", "\t"),
        ("name\nAna\nBen\n", ","),  # one column: nothing to tell, a comma is as good as any
    ],
)
def test_the_delimiter_is_sniffed(text: str, delimiter: str) -> None:
    assert sniff_delimiter(text) == delimiter


def test_rows_carry_the_line_they_start_on_across_multi_line_cells() -> None:
    rows = read_rows('name,notes\r\n"Ana","two\r\nlines"\r\n\r\nBen,x\r\n', ",")
    assert [(row.line, row.cells) for row in rows] == [
        (1, ["name", "notes"]),
        (2, ["Ana", "two\r\nlines"]),
        (4, []),
        (5, ["Ben", "x"]),
    ]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ('name,email\nAna,a@example.com\n"Ben,b@example.com\nCarl,c@example.com\n', 3),  # never closed
        ('name,email\nAna,a@example.com\nBen,"b@example.com\nCarl"x,c@x\n', 3),  # closed in the wrong place
    ],
)
def test_a_broken_quote_is_reported_at_the_line_it_opens_on(text: str, line: int) -> None:
    with pytest.raises(ImportRefused) as refused:
        read_rows(text, ",")
    [problem] = refused.value.problems
    assert problem.line == line and "never closed" in problem.message


def test_a_file_with_too_many_rows_is_refused_rather_than_cut() -> None:
    with pytest.raises(ImportRefused) as refused:
        read_rows("name\n" + "\n" * 5000, ",")
    assert "more than 4,000 rows" in refused.value.problems[0].message
