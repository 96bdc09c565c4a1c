"""Cruxes: the questions the case for AI-assisted alignment turns on, and what the reader's answers imply."""

from __future__ import annotations

from functools import partial

import streamlit as st

from dashboard.analysis import beliefs as b
from dashboard.analysis.trust import reference_caption
from dashboard.app import reader_pool
from dashboard.app.chart_block import chart_block
from dashboard.app.deferred import deferred_part
from dashboard.app.filters import selected_techniques
from dashboard.app.memo import memo
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.app.paging import page_slice
from dashboard.app.tables import data_table, headers
from dashboard.pack.textsafe import md_escape as esc
from dashboard.views.frames import cruxes as frames

ds = dataset()
chosen = selected_techniques(ds)

st.title("Cruxes: where you stand, and what follows")
filter_notice(
    ds, True, "the techniques in the outcomes and the other cruxes"
)  # says whether the sidebar filter applies here
st.markdown(
    "The case for using today's AI to align tomorrow's turns on a few questions. Each card gives a "
    "question, the positions the sources take, and the evidence they cite for and against each, with "
    "its references and figures"
    ". Set your own credence on each crux with its slider; the section "
    "below the cards shows what follows from your answers, and which answers drove each conclusion."
)

ai_cruxes = [c for c in ds.cruxes if c.kind == "ai-assisted"]
credences: dict[str, int] = {}
sharing = False
if reader_pool.enabled() and any(c.credence_question for c in ai_cruxes):
    sharing = reader_pool.share_toggle()
    if sharing:
        st.caption(esc(reader_pool.WHO_NOTE))
    else:
        reader_pool.withdraw_all(ds)


def _evidence_line(row) -> str:
    parts = [esc(row["evidence"])]
    if row["claims"]:
        parts.append(f"Figures: {esc(row['claims'])}")
    if row["references"]:
        parts.append(f"Sources: {esc(row['references'])}")
    else:
        parts.append("Sources: none given")
    return "- " + "  \n  ".join(parts)


def _card(crux) -> dict:
    """What a crux's card shows that does not depend on the reader (all cards are built once per pack)."""
    evidence = frames.evidence_frame(ds, crux.id)
    positions = []
    for pos in crux.positions:
        blocks = []
        for stance, heading in (("for", "Evidence for"), ("against", "Evidence against")):
            rows = evidence[(evidence["position"] == pos.label) & (evidence["stance"] == stance)]
            if not rows.empty:
                blocks.append((f"**{heading}**", "\n".join(_evidence_line(r) for _, r in rows.iterrows())))
        positions.append((f"### {esc(pos.label)}", esc(pos.summary), blocks))
    related = [ds.technique_by_id[t].name for t in crux.related_techniques if t in ds.technique_by_id]
    return {
        "positions": positions,
        "related": esc("Related techniques: " + ", ".join(related)) if related else None,
        "references": esc(reference_caption(ds, crux.references)),
    }


LINK_CREDENCES = "crux-link-credences"  # the credences a link gave, kept after the link's parameters are gone


def _link_credence(crux) -> int | None:
    """The credence the page's link gives this crux, kept for the session: the link's parameter is gone after
    the first run, and a card not drawn then (on another page of cards) still counts it on later runs."""
    key = b.slider_key(crux.id)
    kept = st.session_state.setdefault(LINK_CREDENCES, {})
    value = st.query_params.get(key)
    if value is not None and value.isdigit() and int(value) <= 100:  # as the slider takes it (a stale one is not)
        kept[key] = int(value)
    return kept.get(key)


def _stored_credence(crux) -> int:
    """A credence whose slider is not drawn (its card is on another page): kept in session state, else the link's."""
    value = st.session_state.get(b.slider_key(crux.id))
    if value is None:
        value = _link_credence(crux)
    return b.DEFAULT_CREDENCE if value is None else b.clamp_credence(value)


# A big pack has hundreds of cruxes: the cards are paged (the page number is in the URL), and the credences of
# the cards not drawn still count below (their sliders keep their values while hidden, persist_state="page").
shown = page_slice(len(ai_cruxes), "crux-page", "cruxes")
for crux in ai_cruxes[: shown.start] + ai_cruxes[shown.stop :]:
    if crux.credence_question and crux.low_position and crux.high_position:
        credences[crux.id] = _stored_credence(crux)
cards = memo(ds, ("crux-cards", shown.start, shown.stop), lambda: {c.id: _card(c) for c in ai_cruxes[shown]})
for crux in ai_cruxes[shown]:
    card = cards[crux.id]
    with st.container(border=True, key=f"card-{crux.id}"):
        st.header(esc(crux.title), anchor=crux.id)  # h2 under the page title
        st.markdown(f"**{esc(crux.question)}**")
        st.markdown(esc(crux.summary))
        if card["positions"]:
            cols = st.columns(len(card["positions"]))
            for col, (label, summary, blocks) in zip(cols, card["positions"], strict=True):
                with col:
                    st.markdown(label)
                    st.markdown(summary)
                    for heading, lines in blocks:
                        st.markdown(heading)
                        st.markdown(lines)
        if card["related"]:
            st.caption(card["related"])
        st.caption(card["references"])
        if crux.credence_question and crux.low_position and crux.high_position:
            low = b.position_label(crux, "low")
            high = b.position_label(crux, "high")
            value = st.slider(
                esc(crux.credence_question),
                min_value=0,
                max_value=100,
                value=b.DEFAULT_CREDENCE if (linked := _link_credence(crux)) is None else linked,
                step=1,
                key=b.slider_key(crux.id),
                bind="query-params",
                persist_state="page",
                help=esc(f'0 = fully "{low}"; 100 = fully "{high}"; 40-60 counts as undecided.'),
            )
            credences[crux.id] = b.clamp_credence(value)
            st.caption(esc(f"0 = {low} · 100 = {high}. {b.describe_credence(crux, value)}."))
            if sharing and (line := reader_pool.crux_line(ds, crux, credences[crux.id])):
                with st.container(key=f"pooled-{crux.id}"):
                    st.markdown(esc(line))

if not ai_cruxes:
    st.info("This pack has no AI-assisted cruxes.")
credences = {c.id: credences[c.id] for c in ai_cruxes if c.id in credences}  # in the pack's order, as before paging

# --------------------------------------------------------------------------
# What follows
# --------------------------------------------------------------------------

if credences:
    st.header("What follows from your credences", anchor="what-follows")
    st.info(
        "This is the dashboard's reading of the texts, not the texts' own claim. A credence above 60 counts "
        "as holding the high position, below 40 the low one; 40-60 is undecided. A belief or approach tied to "
        "cruxes counts as yours when at least one of its cruxes is on its side and none is on the other.",
        icon=":material/info:",
    )
    ckey = tuple(sorted(credences.items()))  # everything the reading below depends on, besides the pack

    def _reading() -> dict:
        statuses = b.evaluate_beliefs(ds, credences)
        return {
            "statuses": statuses,
            "verdict": b.verdict(statuses),
            "recommendation": frames.recommendation_text(ds, credences),
            "approaches": frames.approaches_reading_frame(ds, credences).drop(columns=["status", "id"]),
            "beliefs": frames.beliefs_frame(ds, credences).drop(columns=["status", "id"]),
        }

    reading = memo(ds, ("crux-reading", ckey), _reading)
    statuses = reading["statuses"]
    verdict = reading["verdict"]
    with st.container(border=True, key="recommendation"):
        st.markdown(f"### Who should work on this? {esc(verdict.label)}")
        st.markdown(esc(reading["recommendation"]))

    MARKS = {
        "holds": "✔ You hold this",
        "rejected": "✘ You reject this",
        "split": "↔ Pulled both ways",
        "open": "○ Undecided",
        "unlinked": "· Not tied to a crux",
    }
    left, right = st.columns(2, gap="large")
    for col, fit, heading in (
        (left, "good-fit", "Good fit if you believe"),
        (right, "less-relevant", "Less relevant if you believe"),
    ):
        with col:
            st.markdown(f"**{heading}** (the text's list)")
            lines = []
            for item in statuses:
                if item.belief.fit != fit:
                    continue
                why = "; ".join(f"{d.crux_title} at {d.credence}" for d in item.drivers) or "no crux to read it from"
                lines.append(f"- **{MARKS[item.status]}:** {esc(item.belief.text)}  \n  driven by: {esc(why)}")
            st.markdown("\n".join(lines) if lines else "None listed.")

    st.markdown("**The approaches the text compares, read against your credences**")
    deferred_part(
        "approaches-reading",
        "the table",
        lambda: data_table(
            reading["approaches"],
            key="approaches-reading-table",
            column_config={
                "approach": st.column_config.TextColumn("Approach"),
                "your reading": st.column_config.TextColumn("Your reading"),
                "when to prefer (the text)": st.column_config.TextColumn("When to prefer (the text)", width="medium"),
                "driven by": st.column_config.TextColumn("Driven by", width="large"),
            },
        ),
    )
    with st.expander(
        "The beliefs as a table (to copy or download)", icon=":material/table:", key="beliefs-open", bind="query-params"
    ):
        beliefs_table = reading["beliefs"]
        data_table(beliefs_table, key="beliefs-table", column_config=headers(beliefs_table))

    chart_block(ds, "cruxes", "stance", {b.slider_key(cid): str(value) for cid, value in credences.items()}, defer=True)

# --------------------------------------------------------------------------
# Technical cruxes and strategic questions
# --------------------------------------------------------------------------


def _others_table(part, key: str) -> None:
    data_table(
        part.drop(columns=["kind", "id"]),
        key=key,
        column_config={
            "crux": st.column_config.TextColumn("Question", width="medium"),
            "question": st.column_config.TextColumn("In full", width="large"),
            "summary": st.column_config.TextColumn("Why it matters", width="large"),
            "related techniques": st.column_config.TextColumn("Related techniques"),
            "references": st.column_config.TextColumn("Sources"),
        },
    )


others = memo(ds, ("other-cruxes", tuple(chosen)), lambda: frames.other_cruxes_frame(ds, chosen))
st.header("Technical cruxes and strategic questions", anchor="other-cruxes")
st.markdown(
    "Open questions the wider alignment field names, with the techniques each concerns. "
    "The sidebar's technique filter narrows this list; questions tied to no technique always show."
)
if others.empty:
    st.info("No technical cruxes or strategic questions concern the techniques chosen in the sidebar.")
else:
    for kind, heading in (("Technical crux", "Technical cruxes"), ("Strategic question", "Strategic questions")):
        part = others[others["kind"] == kind]
        if part.empty:
            continue
        st.subheader(heading)
        name = f"others-{'technical' if kind.startswith('Technical') else 'strategic'}"
        deferred_part(name, "the table", partial(_others_table, part, name))
