"""Bringing one's own pack: loose files or a ZIP, limits, and completion from the shipped pack."""

from __future__ import annotations

import base64
import io
import os
import stat
import zipfile
from pathlib import Path

import pytest

from dashboard.pack.dataset import PACK_FILES
from dashboard.pack.problems import Problem
from dashboard.pack.upload import MAX_FILE_BYTES, MAX_PACK_BYTES, MAX_ZIP_MEMBERS, collect_files, validate_upload

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "minimal"
FILES = {p.name: p.read_bytes() for p in sorted(FIXTURE.iterdir())}
REQUIRED = sorted(pf.name for pf in PACK_FILES if pf.required)


def make_zip(entries, *, compression=zipfile.ZIP_DEFLATED) -> bytes:
    """entries: (name or ZipInfo, bytes) pairs."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=compression) as zf:
        for name, data in entries:
            zf.writestr(name, data)
    return buf.getvalue()


def pack_zip(prefix: str = "", extra=()) -> bytes:
    return make_zip([(prefix + n, b) for n, b in FILES.items()] + list(extra))


def only(result_problems: list[Problem]) -> Problem:
    assert len(result_problems) == 1, "\n".join(map(str, result_problems))
    return result_problems[0]


# --------------------------------------------------------------------------
# Valid uploads
# --------------------------------------------------------------------------


def test_loose_files_make_a_pack():
    result = validate_upload(FILES.items())
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.files == sorted(FILES)
    assert result.completed == []
    assert result.dataset.meta.title == "Minimal test pack"


def test_yml_names_are_read_as_yaml():
    uploads = [(n.replace(".yaml", ".yml"), b) for n, b in FILES.items()]
    result = validate_upload(uploads)
    assert result.ok, "\n".join(map(str, result.problems))
    assert "references.yaml" in result.files


def test_flat_zip():
    result = validate_upload([("pack.zip", pack_zip())])
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.files == sorted(FILES)


def test_zip_with_one_top_folder_and_junk():
    junk = [
        ("my-pack/", b""),
        ("__MACOSX/my-pack/._references.yaml", b"\x00\x05"),
        ("my-pack/.DS_Store", b"\x00"),
        ("my-pack/README.md", b"# my pack\n"),
    ]
    result = validate_upload([("my-pack.zip", pack_zip("my-pack/", junk))])
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.dataset.counts()["references"] == 3


def test_windows_separators_in_zip():
    data = make_zip([("my-pack\\" + n, b) for n, b in FILES.items()])
    result = validate_upload([("pack.zip", data)])
    assert result.ok, "\n".join(map(str, result.problems))


def test_uploaded_names_lose_any_path():
    uploads = [("../../etc/" + n, b) for n, b in FILES.items()]
    result = validate_upload(uploads)
    assert result.ok
    assert result.files == sorted(FILES)


def test_an_upload_changes_the_data():
    files = dict(FILES)
    files["references.yaml"] = files["references.yaml"].replace(b"A paper on debate", b"My own paper")
    result = validate_upload(files.items())
    assert result.ok
    assert result.dataset.reference_by_id["ref-paper"].title == "My own paper"


# --------------------------------------------------------------------------
# Broken uploads report problems
# --------------------------------------------------------------------------


def test_broken_upload_lists_problems_by_file_and_line():
    files = dict(FILES)
    files["references.yaml"] = files["references.yaml"].replace(b"credibility: 4", b"credibility: 6")
    result = validate_upload(files.items())
    assert result.dataset is None
    assert result.problems == [
        Problem("references.yaml", 15, "references[1].credibility", "Input should be less than or equal to 5 (got 6)")
    ]


def test_partial_upload_reports_missing_files_by_default():
    uploads = [("references.yaml", FILES["references.yaml"]), ("claims.yaml", FILES["claims.yaml"])]
    result = validate_upload(uploads)
    assert result.dataset is None
    missing = sorted(p.file for p in result.problems if p.message == "required file is missing")
    assert missing == sorted(set(REQUIRED) - {"references.yaml", "claims.yaml"})
    assert result.completed == []


def test_partial_upload_completed_from_the_shipped_pack_when_asked(tmp_path: Path):
    shipped = tmp_path / "shipped"
    shipped.mkdir()
    for n, b in FILES.items():
        (shipped / n).write_bytes(b)
    before = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in shipped.iterdir()}
    mine = FILES["references.yaml"].replace(b"A paper on debate", b"My own paper")
    result = validate_upload([("references.yaml", mine)], complete_from=shipped)
    assert result.ok, "\n".join(map(str, result.problems))
    assert result.files == ["references.yaml"]
    assert result.completed == sorted(set(REQUIRED) - {"references.yaml"})
    assert "talk.yaml" not in result.completed  # optional files are not borrowed
    assert result.dataset.talk is None
    assert result.dataset.reference_by_id["ref-paper"].title == "My own paper"
    # The shipped pack is read, never written.
    after = {p.name: (p.stat().st_mtime_ns, p.read_bytes()) for p in shipped.iterdir()}
    assert after == before


def test_upload_writes_nothing(tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    validate_upload([("pack.zip", pack_zip("p/"))])
    validate_upload(FILES.items())
    assert list(tmp_path.iterdir()) == []


def test_nothing_uploaded():
    assert only(validate_upload([]).problems) == Problem("(upload)", 0, "", "no files were uploaded")


def test_wrong_file_type():
    p = only(validate_upload([("notes.txt", b"hello")]).problems)
    assert (p.file, p.message) == (
        "notes.txt",
        "not a pack file: upload .yaml, .yml or .csv files, or a .zip of a pack",
    )


def test_same_file_twice():
    uploads = [*FILES.items(), ("pack.zip", make_zip([("references.yaml", FILES["references.yaml"])]))]
    p = only(validate_upload(uploads).problems)
    assert p.file == "references.yaml"
    assert p.message == "given twice (in the uploaded files and in pack.zip); upload it once"


def test_unknown_file_in_upload():
    result = validate_upload([*FILES.items(), ("notes.yaml", b"a: 1\n")])
    p = only(result.problems)
    assert p.file == "notes.yaml" and p.message.startswith("not a file of the pack")


# --------------------------------------------------------------------------
# Size limits
# --------------------------------------------------------------------------


def test_file_over_5_mb():
    big = FILES["references.yaml"] + b"#" * (MAX_FILE_BYTES + 1 - len(FILES["references.yaml"]))
    uploads = [*((n, b) for n, b in FILES.items() if n != "references.yaml"), ("references.yaml", big)]
    p = only(validate_upload(uploads).problems)
    assert p == Problem("references.yaml", 0, "", "file is 5,242,881 bytes, over the 5 MB limit")


def test_loose_files_over_20_mb_together():
    uploads = [
        (n, FILES[n] + b"#" * (MAX_FILE_BYTES - len(FILES[n])))
        for n in ["references.yaml", "claims.yaml", "labs.yaml", "risks.yaml", "cruxes.yaml"]
    ]
    problems = validate_upload(uploads).problems
    assert (
        Problem("(pack)", 0, "", f"the files add up to {sum(len(b) for _, b in uploads):,} bytes, over the 20 MB limit")
        in problems
    )


def test_zip_archive_over_20_mb():
    p = only(validate_upload([("pack.zip", b"PK" + os.urandom(MAX_PACK_BYTES))]).problems)
    assert p.message == f"archive is {MAX_PACK_BYTES + 2:,} bytes, over the 20 MB limit"


def test_zip_expanding_over_20_mb_is_refused_before_extraction():
    # Five 4.9 MB members of base64 text: each compresses only ~1.3x, so the archive
    # itself stays under 20 MB while it would expand to about 24.5 MB.
    member = base64.b64encode(os.urandom(3_600_000))[:4_900_000]
    names = ["references.yaml", "claims.yaml", "labs.yaml", "risks.yaml", "cruxes.yaml"]
    data = make_zip([(n, member) for n in names])
    assert len(data) < MAX_PACK_BYTES
    p = only(validate_upload([("pack.zip", data)]).problems)
    assert p == Problem("pack.zip", 0, "", f"expands to {5 * len(member):,} bytes, over the 20 MB limit")


def test_zip_member_over_5_mb():
    data = make_zip([("references.yaml", base64.b64encode(os.urandom(4_000_000)))])
    p = only(validate_upload([("pack.zip", data)]).problems)
    assert (p.field, p.message) == ("references.yaml", "expands to 5,333,336 bytes, over the 5 MB limit for a file")


def test_compression_ratio_bomb():
    data = make_zip([("references.yaml", b"\n" * 4_000_000)])
    p = only(validate_upload([("bomb.zip", data)]).problems)
    assert p.file == "bomb.zip" and p.field == "references.yaml"
    assert "times its compressed size (limit 100); refusing a possible ZIP bomb" in p.message


def test_too_many_members():
    data = make_zip([(f"f{i}.yaml", b"a: 1\n") for i in range(MAX_ZIP_MEMBERS + 1)])
    p = only(validate_upload([("many.zip", data)]).problems)
    assert p == Problem("many.zip", 0, "", f"archive has {MAX_ZIP_MEMBERS + 1} members; the limit is {MAX_ZIP_MEMBERS}")


# --------------------------------------------------------------------------
# Unsafe archive members
# --------------------------------------------------------------------------


def _symlink(name: str, target: bytes) -> tuple[zipfile.ZipInfo, bytes]:
    info = zipfile.ZipInfo(name)
    info.external_attr = (stat.S_IFLNK | 0o777) << 16
    return info, target


def mark_encrypted(data: bytes, name: str) -> bytes:
    """Set the "encrypted" flag of member ``name`` in its local and central headers."""
    out = bytearray(data)
    encoded = name.encode()
    for signature, flag_at, name_at in ((b"PK\x03\x04", 6, 30), (b"PK\x01\x02", 8, 46)):
        pos = out.find(signature)
        while pos != -1:
            if out[pos + name_at : pos + name_at + len(encoded)] == encoded:
                out[pos + flag_at] |= 0x1
            pos = out.find(signature, pos + 4)
    return bytes(out)


@pytest.mark.parametrize(
    "member, message",
    [
        (("/etc/references.yaml", b"[]"), "absolute paths are not allowed in the archive"),
        (("C:/pack/references.yaml", b"[]"), "absolute paths are not allowed in the archive"),
        (("../references.yaml", b"[]"), "'..' in a path is not allowed in the archive"),
        (("pack/../../references.yaml", b"[]"), "'..' in a path is not allowed in the archive"),
        (("pack\\..\\references.yaml", b"[]"), "'..' in a path is not allowed in the archive"),
        (_symlink("references.yaml", b"/etc/passwd"), "symbolic links are not allowed in the archive"),
        (("inner.zip", make_zip([("references.yaml", b"[]")])), "archives inside the archive are not allowed"),
        (("inner.tar.gz", b"\x1f\x8b"), "archives inside the archive are not allowed"),
    ],
    ids=[
        "absolute",
        "drive-letter",
        "dotdot",
        "dotdot-deep",
        "dotdot-backslash",
        "symlink",
        "nested-zip",
        "nested-tarball",
    ],
)
def test_unsafe_member_refuses_the_archive(member, message):
    name = member[0].filename if isinstance(member[0], zipfile.ZipInfo) else member[0]
    data = make_zip([*((n, b) for n, b in FILES.items() if n != "references.yaml"), member])
    result = validate_upload([("evil.zip", data)])
    assert result.dataset is None
    assert only(result.problems) == Problem("evil.zip", 0, name, message)


def test_encrypted_member():
    data = mark_encrypted(pack_zip(), "references.yaml")
    assert zipfile.ZipFile(io.BytesIO(data)).getinfo("references.yaml").flag_bits & 0x1
    p = only(validate_upload([("secret.zip", data)]).problems)
    assert p == Problem("secret.zip", 0, "references.yaml", "encrypted members are not supported")


def test_two_folders_in_zip():
    data = make_zip([("a/references.yaml", b"[]"), ("b/claims.yaml", b"[]")])
    p = only(validate_upload([("pack.zip", data)]).problems)
    assert p.message == "the pack files must sit at the top of the archive or together in one folder"


def test_files_nested_deeper_than_one_folder():
    data = pack_zip("a/b/")
    p = only(validate_upload([("pack.zip", data)]).problems)
    assert p.message == "the pack files must sit at the top of the archive or together in one folder"


def test_duplicate_member_names():
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("references.yaml", b"[]")
        with pytest.warns(UserWarning):
            zf.writestr("references.yaml", b"[]")
    p = only(validate_upload([("dup.zip", buf.getvalue())]).problems)
    assert (p.field, p.message) == ("references.yaml", "appears twice in the archive")


def test_not_a_zip():
    p = only(validate_upload([("pack.zip", b"this is not an archive")]).problems)
    assert p.file == "pack.zip" and p.message.startswith("not a readable ZIP archive")


def test_truncated_zip():
    data = pack_zip()
    p = only(validate_upload([("pack.zip", data[: len(data) // 2])]).problems)
    assert p.message.startswith("not a readable ZIP archive")


def test_corrupted_member_data():
    data = bytearray(make_zip([(n, b * 3) for n, b in FILES.items()]))
    # Flip bytes inside the first member's compressed data (after its 30-byte header and name).
    start = 30 + len(next(iter(FILES)))
    data[start + 5 : start + 15] = b"\x00" * 10
    result = validate_upload([("pack.zip", bytes(data))])
    assert result.dataset is None
    p = result.problems[0]
    assert p.file == "pack.zip" and p.message.startswith("cannot be extracted")


def test_zip_without_pack_files():
    p = only(validate_upload([("pack.zip", make_zip([("README.md", b"# hi")]))]).problems)
    assert p.message == "the archive holds no .yaml, .yml or .csv files"


def test_collect_files_does_not_validate():
    files, problems = collect_files([("references.yaml", b"not: [valid")])
    assert problems == []
    assert files == {"references.yaml": b"not: [valid"}
