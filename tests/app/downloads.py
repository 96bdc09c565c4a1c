"""What a download button serves, read from an AppTest run.

AppTest keeps a download button's URL, not its bytes; Streamlit names the file by a hash
of its bytes, type and name, so a button serves ``data`` exactly when its URL carries the
hash of ``data``.
"""

from __future__ import annotations

from streamlit.runtime.memory_media_file_storage import _calculate_file_id


def file_id(button) -> str:
    url = button.proto.url
    assert url, f"download button {button.proto.label!r} has no file"
    return url.rsplit("/", 1)[-1].split(".", 1)[0]


def serves(button, data: bytes, *, mime: str, file_name: str) -> bool:
    """Whether ``button`` (``at.download_button(key=...)``) offers exactly ``data`` as ``file_name``."""
    return file_id(button) == _calculate_file_id(data, mime, filename=file_name)
