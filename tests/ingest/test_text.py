from __future__ import annotations

import pytest

from newsweave.errors import InputError
from newsweave.ingest.decode import check_bytes, decode
from newsweave.ingest.text import read_text


@pytest.mark.parametrize(
    "data, text",
    [
        (b"Storm hits coast\nBy Jo Bloggs\n\nA storm hit.", "Storm hits coast\nBy Jo Bloggs\n\nA storm hit."),
        ("Caf\u00e9 opens in Z\u00fcrich".encode(), "Caf\u00e9 opens in Z\u00fcrich"),
        (b"\xef\xbb\xbfWith a UTF-8 BOM", "With a UTF-8 BOM"),
        ("UTF-16 with BOM".encode("utf-16"), "UTF-16 with BOM"),
    ],
)
def test_read_text_keeps_decoded_text_whole(data: bytes, text: str) -> None:
    doc = read_text("a.txt", data)
    assert (doc.input, doc.format, doc.text, doc.meta) == ("a.txt", "text", text, ())


def test_decode_invalid_utf8_names_offset_and_iconv() -> None:
    with pytest.raises(InputError) as caught:
        decode("latin.txt", "na\u00efve".encode("latin-1"))
    message = str(caught.value)
    assert "latin.txt" in message
    assert "offset 2" in message and "0xef" in message
    assert "iconv" in message


@pytest.mark.parametrize(
    "data, reason",
    [
        (b"", "is empty"),
        (b"  \n\t \r\n", "is empty"),
        (b"%PDF-1.7\x00\x00\x01binary", "looks binary"),
        (bytes(range(1, 9)) * 50, "looks binary"),
    ],
)
def test_check_bytes_refuses_empty_and_binary(data: bytes, reason: str) -> None:
    with pytest.raises(InputError, match=reason) as caught:
        check_bytes("x.txt", data, 1000)
    assert caught.value.input == "x.txt" and caught.value.hint


def test_decode_refuses_unicode_whitespace_only() -> None:
    with pytest.raises(InputError, match="only whitespace"):
        decode("blank.txt", "\u00a0\u2003\n".encode())


def test_check_bytes_refuses_more_than_the_limit() -> None:
    with pytest.raises(InputError, match="limit of 10 bytes"):
        check_bytes("big.txt", b"x" * 11, 10)
