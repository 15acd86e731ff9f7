from __future__ import annotations

import pytest

from claimgraph.dates import find_date, parse_date


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("05.07.2024", "2024-07-05"),  # day first
        ("JUL 2, 2024", "2024-07-02"),
        ("July 2nd, 2024", "2024-07-02"),
        ("2 July 2024", "2024-07-02"),
        ("Sept. 9, 2023", "2023-09-09"),
        ("2024-07-05", "2024-07-05"),
        ("14/03/2025", "2025-03-14"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


def test_invalid_dates_are_not_dates() -> None:
    assert find_date("31.02.2024") is None
    assert parse_date("The meeting in July 2, 2024 was long and it went on for hours") is None


def test_find_date_gives_its_place() -> None:
    iso, (a, b) = find_date("Harbour Correspondent 14.03.2025") or ("", (0, 0))
    assert iso == "2025-03-14" and (a, b) == (22, 32)
