"""The sidebar control "Use your own data pack".

A reader uploads the YAML/CSV files of a pack, or a ZIP of one. A pack that
validates replaces the shipped one for this browser session only
(``st.session_state["uploaded_pack"]``, which ``dataset()`` returns); one that
does not is listed problem by problem while the current view stays as it was.
Nothing is written to disk. Missing files are taken from the shipped pack only
after the reader presses "Use shipped files for the rest".
"""

from __future__ import annotations

import streamlit as st

from dashboard.app import present as present_ui
from dashboard.app.pack import UPLOADED_PACK_KEY
from dashboard.app.tables import problems_table
from dashboard.pack.dataset import PACK_FILES, Dataset
from dashboard.pack.load import default_data_dir
from dashboard.pack.textsafe import md_escape
from dashboard.pack.upload import ACCEPTED_TYPES, MAX_FILE_BYTES, MAX_PACK_BYTES, UploadResult, validate_upload

__all__ = ["UPLOADED_FILES_KEY", "UPLOADED_PACK_KEY", "render", "reset"]

_NONCE = "upload-nonce"  # part of the file picker's key: a new value empties the picker
_LAST = "upload-last"  # (signature of the files, completed?, UploadResult) of the last check
_COMPLETE_FOR = "upload-complete-for"  # signature of the upload the reader asked to complete
UPLOADED_FILES_KEY = "uploaded_pack_files"  # the uploaded pack's files, for the data bundle
_REQUIRED = {pf.name for pf in PACK_FILES if pf.required}


def reset() -> None:
    """Back to the shipped pack: forget the uploaded pack and empty the file picker."""
    st.session_state.pop(UPLOADED_PACK_KEY, None)
    st.session_state.pop(UPLOADED_FILES_KEY, None)
    st.session_state.pop(_LAST, None)
    st.session_state.pop(_COMPLETE_FOR, None)
    st.session_state[_NONCE] = st.session_state.get(_NONCE, 0) + 1


def _ask_completion(signature: tuple) -> None:
    st.session_state[_COMPLETE_FOR] = signature


def _check(files: list, signature: tuple, complete: bool) -> UploadResult:
    """Validate once per upload (and completion choice); later reruns reuse the result."""
    last = st.session_state.get(_LAST)
    if last is not None and last[0] == signature and last[1] == complete:
        return last[2]
    result = validate_upload(
        [(f.name, f.getvalue()) for f in files],
        complete_from=default_data_dir() if complete else None,
    )
    st.session_state[_LAST] = (signature, complete, result)
    if result.ok:
        st.session_state[UPLOADED_PACK_KEY] = result.dataset
        st.session_state[UPLOADED_FILES_KEY] = result.pack_files
    return result


def render() -> None:
    """Draw the control in the current container (the sidebar); nothing while presenting."""
    if present_ui.presenting():
        return
    nonce = st.session_state.get(_NONCE, 0)
    active = isinstance(st.session_state.get(UPLOADED_PACK_KEY), Dataset)
    with st.expander("Use your own data pack", expanded=active, icon=":material/upload_file:"):
        st.caption(
            f"Upload the pack's YAML and CSV files, or a ZIP of the pack. Limits: "
            f"{MAX_FILE_BYTES // 1_048_576} MB a file, {MAX_PACK_BYTES // 1_048_576} MB a pack. "
            "It is checked here and shown in this browser session only; nothing is saved."
        )
        files = st.file_uploader(
            "Pack files",
            type=ACCEPTED_TYPES,
            accept_multiple_files=True,
            key=f"upload-files-{nonce}",
            help="pack.yaml, references.yaml, …, grades.csv, scores.csv — or one .zip holding them.",
        )
        if files:
            signature = tuple((f.file_id, f.name, f.size) for f in files)
            complete = st.session_state.get(_COMPLETE_FOR) == signature
            result = _check(files, signature, complete)
            if result.ok:
                active = True
                note = f"Showing your pack: {len(result.files)} uploaded file{'s' if len(result.files) != 1 else ''}"
                if result.completed:
                    note += f", {len(result.completed)} from the shipped pack"
                st.success(note + ".", icon=":material/check_circle:")
            else:
                n = len(result.problems)
                current = "your last valid pack" if active else "the shipped pack"
                st.error(
                    f"Your pack did not validate: {n} problem{'s' if n != 1 else ''}. The page still shows {current}.",
                    icon=":material/error:",
                )
                problems_table(result.problems, key="upload-problems")
                missing = sorted(
                    p.file for p in result.problems if p.message == "required file is missing" and p.file in _REQUIRED
                )
                if missing and not complete:
                    st.button(
                        f"Use shipped files for the rest ({len(missing)} missing)",
                        key="upload-complete",
                        on_click=_ask_completion,
                        args=(signature,),
                        help="Take the files your upload lacks from the shipped pack: " + md_escape(", ".join(missing)),
                    )
        elif active:
            st.caption("Showing an uploaded pack until you reset.")
        if active:
            st.button(
                "Reset to the shipped pack",
                key="upload-reset",
                on_click=reset,
                icon=":material/restart_alt:",
            )
