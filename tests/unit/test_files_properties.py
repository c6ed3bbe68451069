"""Properties of the files kit's parsers: any bytes under any allowed name are either accepted as the kind
their content shows or refused with a Chinese message (never another error, never the wrong kind), and a
scan named "<number><separator><anything>" is always matched to that number."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from app.domain.errors import ValidationFailed
from app.kit.files.folder import candidates
from app.kit.files.kinds import BY_EXTENSION, inspect

MAGIC = [
    b"%PDF-1.7\n",
    b"\xff\xd8\xff\xe0",
    b"\x89PNG\r\n\x1a\n",
    b"II*\x00",
    b"MM\x00*",
    b"PK\x03\x04",
    b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
    b"",
]


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(
    ext=st.sampled_from(sorted(BY_EXTENSION)),
    head=st.sampled_from(MAGIC),
    tail=st.binary(max_size=300),
)
def test_any_bytes_are_accepted_as_their_kind_or_refused_in_chinese(
    ext: str, head: bytes, tail: bytes
) -> None:
    name = f"扫描{ext}"
    try:
        found = inspect(head + tail, name)
    except ValidationFailed as e:
        message = e.errors["file"]
        assert name in message and ("未添加" in message or "去掉密码再添加" in message), message
        return
    assert ext in found.kind.extensions  # accepted only as what the name says, and the content agreed


NUMBER = st.from_regex(r"\A20[0-9]{2}-[0-9]{4}\Z") | st.from_regex(r"\A县委办发〔20[0-9]{2}〕[0-9]{1,3}号\Z")


@given(number=NUMBER, sep=st.sampled_from(["-", "_", " ", "（", "(", "、", "#"]), suffix=st.text(max_size=12))
def test_a_number_followed_by_a_separator_and_anything_is_a_candidate(
    number: str, sep: str, suffix: str
) -> None:
    stem = f"{number}{sep}{suffix}"
    found = candidates(stem)
    assert found[0] == stem.strip()
    assert all(stem.startswith(c) for c in found)
    assert number in found or stem.strip() == number
