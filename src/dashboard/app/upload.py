"""The sidebar control "Use your own data pack".

A reader uploads the YAML/CSV files of a pack, or a ZIP of one. A pack that
validates replaces the shipped one for this browser session only
(``st.session_state["uploaded_pack"]``, which ``dataset()`` returns); one that
does not is listed problem by problem, in the main area, while the current view stays as it was.
Nothing is written to disk. Missing files are taken from the shipped pack only
after the reader presses "Use shipped files for the rest".

Each upload is checked once and the file picker is then emptied, so the next upload replaces it
(files are never added to the previous ones, whose old problems would stay on screen).
``main_notice()`` (app.py, above every page) says which pack the page shows: yours, with its
name, or a refused upload's problems; after a reload, that the upload is gone and why.
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
# A query parameter (and the session key of the same name, so the link keeps it) while an uploaded pack is
# shown: a reload starts a new session without the pack, and the parameter says one was lost.
MARK_KEY = "pack"
MARK_VALUE = "yours"


def reset() -> None:
    """Back to the shipped pack: forget the uploaded pack and empty the file picker."""
    st.session_state.pop(UPLOADED_PACK_KEY, None)
    st.session_state.pop(UPLOADED_FILES_KEY, None)
    st.session_state.pop(_LAST, None)
    st.session_state.pop(_COMPLETE_FOR, None)
    st.session_state.pop(MARK_KEY, None)
    if st.query_params.get(MARK_KEY):
        del st.query_params[MARK_KEY]
    st.session_state[_NONCE] = st.session_state.get(_NONCE, 0) + 1


def _ask_completion() -> None:
    st.session_state[_COMPLETE_FOR] = True


def _check(items: list[tuple[str, bytes]], complete: bool) -> UploadResult:
    """Validate an upload; a valid one becomes the session's pack; the result is kept for the notices."""
    result = validate_upload(items, complete_from=default_data_dir() if complete else None)
    st.session_state[_LAST] = (tuple(items), complete, result)
    if result.ok:
        st.session_state[UPLOADED_PACK_KEY] = result.dataset
        st.session_state[UPLOADED_FILES_KEY] = result.pack_files
    return result


def _mark(active: bool) -> None:
    if active:
        st.session_state[MARK_KEY] = MARK_VALUE
        if st.query_params.get(MARK_KEY) != MARK_VALUE:
            st.query_params[MARK_KEY] = MARK_VALUE


def render() -> None:
    """Draw the control in the current container (the sidebar); nothing while presenting."""
    if present_ui.presenting():
        return
    nonce = st.session_state.get(_NONCE, 0)
    files = st.session_state.get(f"upload-files-{nonce}")
    if files:
        # A new upload: check it, keep its bytes (for "Use shipped files for the rest"), empty the picker.
        st.session_state.pop(_COMPLETE_FOR, None)
        _check([(f.name, f.getvalue()) for f in files], complete=False)
        nonce += 1
        st.session_state[_NONCE] = nonce
    last = st.session_state.get(_LAST)
    if last is not None and st.session_state.get(_COMPLETE_FOR) and not last[1]:
        last = (last[0], True, _check(list(last[0]), complete=True))
    active = isinstance(st.session_state.get(UPLOADED_PACK_KEY), Dataset)
    _mark(active)
    with st.expander("Use your own data pack", expanded=active or last is not None, icon=":material/upload_file:"):
        st.caption(
            f"Upload the pack's YAML and CSV files, or a ZIP of the pack. Limits: "
            f"{MAX_FILE_BYTES // 1_048_576} MB a file, {MAX_PACK_BYTES // 1_048_576} MB a pack. "
            "It is checked here and shown in this browser session only; nothing is saved. "
            "A new upload replaces the last one."
        )
        st.file_uploader(
            "Pack files",
            type=ACCEPTED_TYPES,
            accept_multiple_files=True,
            key=f"upload-files-{nonce}",
            help="pack.yaml, references.yaml, …, grades.csv, scores.csv — or one .zip holding them.",
        )
        if last is not None:
            result = last[2]
            if result.ok:
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
                st.caption("Its problems are listed at the top of the page.")
        elif active:
            st.caption("Showing an uploaded pack until you reset.")
        if active:
            st.button(
                "Reset to the shipped pack",
                key="upload-reset",
                on_click=reset,
                icon=":material/restart_alt:",
            )


def main_notice() -> None:
    """Above the page, in the main area: which pack is shown, a refused upload's problems, a lost upload."""
    if present_ui.presenting():
        return
    uploaded = st.session_state.get(UPLOADED_PACK_KEY)
    last = st.session_state.get(_LAST)
    if last is not None and not last[2].ok:
        result = last[2]
        n = len(result.problems)
        current = "your last valid pack" if isinstance(uploaded, Dataset) else "the shipped data"
        names = ", ".join(sorted({name for name, _ in last[0]}))
        st.error(
            md_escape(
                f"Your upload ({names}) did not validate: {n} problem{'s' if n != 1 else ''}, listed below. "
                f"This page shows {current}. Fix the files and upload them again."
            ),
            icon=":material/error:",
        )
        problems_table(result.problems, key="upload-problems")
        missing = sorted(
            p.file for p in result.problems if p.message == "required file is missing" and p.file in _REQUIRED
        )
        if missing and not last[1]:
            st.button(
                f"Use shipped files for the rest ({len(missing)} missing)",
                key="upload-complete",
                on_click=_ask_completion,
                help="Take the files your upload lacks from the shipped pack: " + md_escape(", ".join(missing)),
            )
    if isinstance(uploaded, Dataset):
        st.info(
            md_escape(f"Your pack: {uploaded.meta.title}, not the shipped data. ")
            + "Every page shows it until you reset it under “Use your own data pack” in the sidebar "
            "or reload the page.",
            icon=":material/upload_file:",
        )
    elif last is None and st.query_params.get(MARK_KEY) == MARK_VALUE:
        st.warning(
            "The pack you uploaded is gone: an upload lives only in the browser session that made it, "
            "and reloading the page (or opening its link elsewhere) starts a new session. This page shows "
            "the shipped data; upload your pack again to see yours.",
            icon=":material/history:",
        )
        del st.query_params[MARK_KEY]
