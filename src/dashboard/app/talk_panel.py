"""The presenter's own talk on screen: "Add to talk" under every chart and the sidebar's "Your talk" panel.

- ``add_button(row, ds, item, key=...)``: a button beside a chart's Download / Embed and cite that adds
  the chart as it is drawn now (its filter and choices) as a slide, its words from the chart itself.
- ``panel(ds)``: the slides in order, each with Up / Down / Remove, "Edit words" (title, subtitle,
  speaker note, points) and "Preview"; a text slide; the talk's title; "Present" with the presenter,
  projector and audience links; talk.yaml, the handout and the report of this talk to download; a
  talk.yaml to upload; "Forget this talk". Every control is a labelled button, field or link, so the
  panel works from the keyboard (Tab, Enter, Space).

The words are the presenter's: they are checked by the pack's rules for talk.yaml (``views.own_talk``)
and shown escaped, never as markup.
"""

from __future__ import annotations

import streamlit as st

from dashboard.app import following
from dashboard.app import own_talk as own
from dashboard.app.downloads import download, pdf_download
from dashboard.app.screen import base_url
from dashboard.pack import models as m
from dashboard.pack.dataset import Dataset
from dashboard.pack.textsafe import md_escape, slug
from dashboard.store import StoreError
from dashboard.views import own_talk as ot
from dashboard.views.catalogue import PAGE_TITLES
from dashboard.views.entry import Entry, slide_entry
from dashboard.views.variants import slide_height

MESSAGE_STATE = "_own_talk_message"
PANEL_KEY = "your-talk"
PREVIEW_FONT_PX = 12  # a slide's preview in the talk panel


def _say(kind: str, text: str) -> None:
    st.session_state[MESSAGE_STATE] = (kind, text)


def _change(ds: Dataset, make) -> None:
    """Apply a change to this browser's talk and keep it; a refusal is said in the panel."""
    try:
        talk = make(own.current(ds))
        own.save(ds, talk)
    except ot.TalkRefused as err:
        _say("error", f"Not changed: {err}")
    except StoreError as err:
        _say("error", f"Your talk cannot be kept now: {err}")
    else:
        st.session_state.pop(MESSAGE_STATE, None)


# --------------------------------------------------------------------------
# "Add to talk" under a chart
# --------------------------------------------------------------------------


_CHANGED = "talk-panel-changed"


def talk_changed() -> bool:
    """True once after a chart was added from a chart block (a fragment), which then reruns the page so
    that the sidebar's panel lists the new slide."""
    return bool(st.session_state.pop(_CHANGED, False))


_TOAST = "talk-panel-toast"


def _add_chart(ds: Dataset, item: Entry) -> None:
    # The button is in a chart block (a fragment): a callback of a fragment's run may not draw anything,
    # so what it says is kept for the page's run that follows (``panel``) to show.
    st.session_state[_CHANGED] = True
    _change(ds, lambda talk: ot.added(talk, ot.chart_slide(ds, item, talk), title=ds.meta.title))
    if MESSAGE_STATE in st.session_state:
        st.session_state[_TOAST] = (md_escape(st.session_state[MESSAGE_STATE][1]), ":material/error:")
        return
    talk = own.current(ds)
    n = len(talk.slides) if talk else 0
    st.session_state[_TOAST] = (
        f"Added to your talk as slide {n}. Arrange it in the sidebar: Your talk.",
        ":material/playlist_add:",
    )


def add_button(row, ds: Dataset, item: Entry, *, key: str) -> None:
    row.button(
        "Add to talk",
        key=f"{key}-add-to-talk",
        icon=":material/playlist_add:",
        on_click=_add_chart,
        args=(ds, item),
        help="Adds this chart as it is now, with its filter and choices, as a slide of your talk (sidebar: Your talk).",
    )


# --------------------------------------------------------------------------
# The panel
# --------------------------------------------------------------------------


def _where(slide: m.Slide) -> str:
    if slide.kind == "text":
        return f"Text slide, {len(slide.points)} points"
    if slide.kind == "title":
        return "Title slide"
    settings = "; ".join(f"{k}: {', '.join(v) if isinstance(v, list) else v}" for k, v in slide.params.items())
    return f"Chart from {PAGE_TITLES.get(slide.page, slide.page)}" + (f" ({settings})" if settings else "")


def _edit_form(ds: Dataset, talk: m.Talk, i: int, slide: m.Slide, tag: str) -> None:
    with st.form(key=f"talk-words-{slide.id}-{tag}", border=False):
        title = st.text_input("Title", value=slide.title, max_chars=ot.MAX_WORDS)
        subtitle = st.text_input(
            "Subtitle", value=slide.subtitle or "", max_chars=ot.MAX_WORDS,
            help="Empty: a chart slide shows its chart's takeaway.",
        )  # fmt: skip
        points = None
        if slide.kind == "text":
            points = st.text_area("Points, one a line", value="\n".join(slide.points)).splitlines()
        note = st.text_area("Speaker note", value=slide.note, max_chars=ot.MAX_NOTE, height=140)
        if st.form_submit_button("Save words", icon=":material/save:"):
            _change(ds, lambda t: ot.edited(t, i, title=title, subtitle=subtitle, note=note, points=points))
            st.rerun()


def _preview(ds: Dataset, slide: m.Slide, key: str) -> None:
    st.markdown(f"**{md_escape(slide.title)}**")
    from dashboard.views import talk as talks

    line = talks.slide_subtitle(ds, slide)
    if line:
        st.caption(md_escape(line))
    if slide.kind == "text":
        st.markdown("\n".join(f"- {md_escape(p)}" for p in slide.points))
    view = slide_entry(ds, slide)
    if view is not None:
        fig = view.slide_figure(PREVIEW_FONT_PX)
        st.plotly_chart(
            fig, key=f"{key}-chart", theme=None, width="stretch", height=slide_height(fig, PREVIEW_FONT_PX, 260),
            config={"displayModeBar": False, "staticPlot": True}, alt=view.alt,
        )  # fmt: skip
        st.caption(md_escape(view.sources))


def _slide_row(ds: Dataset, talk: m.Talk, i: int, tag: str) -> None:
    slide = talk.slides[i]
    n = len(talk.slides)
    with st.container(border=True, key=f"talk-slide-{i + 1}"):
        st.markdown(f"**{i + 1}.** {md_escape(slide.title)}", help=None)
        st.caption(md_escape(_where(slide)))
        with st.container(horizontal=True, gap=None):
            st.button("Up", key=f"talk-up-{slide.id}", icon=":material/arrow_upward:", disabled=i == 0, type="tertiary",
                      on_click=_change, args=(ds, lambda t: ot.moved(t, i, -1)), help="Move this slide one up")  # fmt: skip
            st.button("Down", key=f"talk-down-{slide.id}", icon=":material/arrow_downward:", disabled=i == n - 1,
                      type="tertiary", on_click=_change, args=(ds, lambda t: ot.moved(t, i, +1)),
                      help="Move this slide one down")  # fmt: skip
            st.button("Remove", key=f"talk-remove-{slide.id}", icon=":material/delete:", disabled=n == 1,
                      type="tertiary", on_click=_change, args=(ds, lambda t: ot.removed(t, i)),
                      help="Remove this slide from the talk")  # fmt: skip
            words = st.popover("Edit words", icon=":material/edit:", key=f"talk-edit-{slide.id}", type="tertiary",
                               on_change="rerun")  # fmt: skip
            look = st.popover("Preview", icon=":material/visibility:", key=f"talk-preview-{slide.id}",
                              type="tertiary", on_change="rerun")  # fmt: skip
        if words.open:
            with words:
                _edit_form(ds, talk, i, slide, tag)
        if look.open:
            with look:
                _preview(ot.with_talk(ds, talk), slide, f"talk-preview-{slide.id}")


def _text_slide_form(ds: Dataset) -> None:
    box = st.popover("Add a text slide", icon=":material/notes:", key="talk-add-text", on_change="rerun")
    if not box.open:
        return
    with box, st.form(key="talk-text-form", clear_on_submit=True, border=False):
        title = st.text_input("Title", max_chars=ot.MAX_WORDS)
        points = st.text_area("Points, one a line (none: a title slide)")
        note = st.text_area("Speaker note", max_chars=ot.MAX_NOTE)
        if st.form_submit_button("Add slide", icon=":material/add:"):
            _change(ds, lambda t: ot.added(t, ot.text_slide(t, title, points.splitlines(), note), title=ds.meta.title))
            st.rerun()


def _upload(ds: Dataset) -> None:
    raw = st.session_state.get("talk-upload")
    if raw is None:
        return
    talk, problems = ot.from_yaml(ds, raw.getvalue())
    if talk is None:
        _say("error", "This talk.yaml was not used: " + "; ".join(problems[:8]))
        return
    _change(ds, lambda _: talk)
    if MESSAGE_STATE not in st.session_state:
        _say("success", f"Your talk is now the uploaded one: {talk.title}, {len(talk.slides)} slides.")


def _forget() -> None:
    own.forget()
    _say("success", "This browser has let the talk go. Its links keep working until it idles out.")


def _links(held: tuple[str, str]) -> None:
    tid, secret = held
    st.link_button("Present this talk", following.presenter_url(tid, secret), icon=":material/co_present:",
                   width="stretch", help="Opens the presenter view of this talk: notes, next slide, clock.")  # fmt: skip
    st.caption("Audience link, for phones and laptops: it follows your slide and cannot move it.")
    st.code(following.audience_url(tid), language=None, wrap_lines=True)
    st.caption("Projector window (full screen, follows you):")
    st.code(following.projector_url(tid), language=None, wrap_lines=True)
    with st.expander("Your presenter link (keep it private)", icon=":material/key:"):
        st.caption("Whoever has this link can move and change your talk. Do not share or project it.")
        st.code(following.presenter_url(tid, secret), language=None, wrap_lines=True)


def _downloads(ds: Dataset, talk: m.Talk) -> None:
    from dashboard.exports import handout
    from dashboard.exports.report import report_html

    shown = ot.with_talk(ds, talk)
    stem = slug(talk.title, default="talk")
    download("Download talk.yaml", ot.to_yaml(talk), file_name=ot.FILE_NAME, mime="application/yaml",
             key="talk-download-yaml", icon=":material/download:",
             help="The talk as a pack's talk.yaml: upload it here again, or ship it in a pack.")  # fmt: skip
    base = base_url()
    pdf_download("Download this talk's handout (PDF)", lambda: handout.handout_pdf(shown, base_url=base),
                 file_name=f"{stem}-handout.pdf", key="talk-download-handout",
                 help="One page per slide with its sources and speaker note.")  # fmt: skip
    download("Download report with this talk", lambda: report_html(shown).encode("utf-8"),
             file_name=f"{stem}-report.html", mime="text/html", key="talk-download-report",
             icon=":material/description:", help="The offline report, its talk section this talk.")  # fmt: skip


def panel(ds: Dataset) -> None:
    """The sidebar's "Your talk": drawn when opened, as "Present and download" is."""
    if toast := st.session_state.pop(_TOAST, None):
        st.toast(toast[0], icon=toast[1])
    talk = own.current(ds)
    if talk is not None:
        own.remember_in_browser()
    elif st.session_state.get(own.FORGOTTEN_STATE):
        own.forget_in_browser()
    # One label whatever the talk holds: a label that changed would close the panel on the next run.
    box = st.expander("Your talk", icon=":material/co_present:", key=PANEL_KEY, on_change="rerun")
    if not box.open:
        return
    with box:
        message = st.session_state.get(MESSAGE_STATE)
        if message:
            (st.error if message[0] == "error" else st.success)(md_escape(message[1]))
        if talk is None:
            st.caption(
                'Make a talk of your own: "Add to talk" under any chart adds it as it is now, with its '
                "filter and choices. Or add a text slide, or upload a talk.yaml."
            )
        else:
            n = len(talk.slides)
            st.caption(f"{n} slide{'s' if n != 1 else ''} of at most {ot.MAX_SLIDES}.")
            tag = ot.digest(talk)[-8:]
            with st.form(key=f"talk-title-{tag}", border=False):
                title = st.text_input("Title of the talk", value=talk.title, max_chars=ot.MAX_WORDS)
                if st.form_submit_button("Save title", icon=":material/save:"):
                    _change(ds, lambda t: ot.retitled(t, title))
                    st.rerun()
            for i in range(len(talk.slides)):
                _slide_row(ds, talk, i, tag)
        _text_slide_form(ds)
        held = own.mine()
        if talk is not None and held is not None:
            _links(held)
            _downloads(ds, talk)
        st.file_uploader("Upload a talk.yaml", type=["yaml", "yml"], key="talk-upload", on_change=_upload,
                         args=(ds,), help="Checked as a pack's talk.yaml; it replaces your talk.")  # fmt: skip
        if talk is not None:
            st.button("Forget this talk", key="talk-forget", icon=":material/close:", on_click=_forget,
                      help="This browser lets the talk go: start a new one with \"Add to talk\".")  # fmt: skip
