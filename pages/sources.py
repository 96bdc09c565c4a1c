"""Sources: every reference with its credibility, the figures it backs, where sources disagree, and what is due for review."""

from __future__ import annotations

import datetime as dt

import streamlit as st

from dashboard.analysis import provenance as prov
from dashboard.app.chart_block import chart_block
from dashboard.app.deferred import deferred_part
from dashboard.app.downloads import download
from dashboard.app.filters import MAX_SELECT_OPTIONS, keep_choice, labelled, offered
from dashboard.app.memo import memo
from dashboard.app.notices import filter_notice
from dashboard.app.pack import dataset
from dashboard.app.tables import data_table, headers
from dashboard.exports.bundle import safe_csv
from dashboard.pack import vocab
from dashboard.pack.textsafe import md_escape as esc
from dashboard.views.catalogue import DISAGREEMENT_KEY
from dashboard.views.frames import indices as index_frames
from dashboard.views.frames import sources as frames

ds = dataset()
today = dt.date.today()


st.title("Sources")
filter_notice(
    ds, False, "this page: the references and files are those of the whole pack"
)  # says whether the sidebar filter applies here
st.markdown(
    "Where every figure comes from and how far to trust it: look up a figure, browse the references with "
    "the credibility the source texts give them, see where sources disagree, and check when each part of "
    "the data was last reviewed."
)

QUALIFIER_WORDS = {
    "exact": "an exact figure",
    "approximately": "approximately",
    "at-least": "at least",
    "more-than": "more than",
    "at-most": "at most",
    "less-than": "less than",
}

REF_COLUMNS = {
    "title": st.column_config.TextColumn("Reference", width="large"),
    "year": st.column_config.NumberColumn("Year", format="%d"),
    "kind": st.column_config.TextColumn("Kind"),
    "publisher": st.column_config.TextColumn("Publisher"),
    "credibility": st.column_config.TextColumn("Credibility", help="1-5 stars as the source text rates it"),
    "link": st.column_config.LinkColumn("Link", display_text="open"),
}

# --------------------------------------------------------------------------
# Claim lookup
# --------------------------------------------------------------------------
st.header("Where does a figure come from?", anchor="lookup")
query = st.text_input(
    "Search a figure or words",
    key="q",
    bind="query-params",
    placeholder="e.g. 4.4%, jailbreak, 10 million",
    help="Matches the figure as written (4.4, 4.4%, 86%), its statement and what it measures.",
)
options = memo(ds, ("claim-options", query or ""), lambda: frames.claim_options(ds, query or ""))
claim_label = labelled(prov.claim_labels(ds))
claim_choices = offered(options, "claim", claim_label)
keep_choice("claim", claim_choices)
if not options:
    st.info(f'No figure matches "{query}". Try a number without its unit, or one word.')
else:
    st.caption(
        f"{len(options):,} of {len(ds.claims):,} figures match."
        + (
            f" The first {MAX_SELECT_OPTIONS} are offered: narrow the search to find another."
            if len(options) > MAX_SELECT_OPTIONS
            else ""
        )
    )
    claim_id = st.selectbox(
        "Figure",
        claim_choices,
        format_func=claim_label,
        key="claim",
        bind="query-params",
    )
    d = memo(ds, ("claim-detail", claim_id), lambda: frames.claim_detail(ds, claim_id))
    with st.container(border=True, key="claim-detail"):
        top = st.columns([1, 3])
        with top[0]:
            st.metric("The figure" + (" (est.)" if d["estimate"] else ""), d["figure"])
            st.caption(esc(d["measures"]))
        with top[1]:
            st.markdown(esc(d["statement"]))
            facts = [
                f"Year: {d['year'] if d['year'] else 'not given'}",
                "An estimate of the page's authors (est.)" if d["estimate"] else "Stated as a measured figure",
                f"Stated in: {d['stated_in']}",
            ]
            if d["technique"]:
                facts.append(f"Technique: {d['technique']}")
            if d["lab"]:
                facts.append(f"Lab: {d['lab']}")
            st.markdown("\n".join(f"- {esc(x)}" for x in facts))
            if d["note"]:
                st.warning(esc(d["note"]), icon=":material/report:")
        st.markdown("**References the text attaches to this figure**")
        data_table(
            d["references"].drop(columns=["id"]),
            column_config=REF_COLUMNS,
            key="claim-references",
        )
        if d["same_quantity"]:
            others = [prov.claim_label(ds.claim_by_id[c]) for c in d["same_quantity"]]
            st.caption(
                esc(
                    "The same quantity elsewhere in the sources: "
                    + "; ".join(others)
                    + ". See the disagreements below."
                )
            )

# --------------------------------------------------------------------------
# References
# --------------------------------------------------------------------------
st.header("References", anchor="references")
f1, f2, f3 = st.columns([1, 1, 2])
with f1:
    kinds = st.multiselect(
        "Kind",
        list(vocab.REFERENCE_KIND_LABELS),
        format_func=labelled(vocab.REFERENCE_KIND_LABELS),
        key="kind",
        bind="query-params",
        placeholder="All kinds",
    )
with f2:
    cred = st.multiselect(
        "Credibility",
        frames.CREDIBILITY_OPTIONS,
        format_func=frames.credibility_option_label,
        key="cred",
        bind="query-params",
        placeholder="Any credibility",
    )
with f3:
    ref_query = st.text_input(
        "Search references", key="ref-q", bind="query-params", placeholder="title, author, publisher"
    )
ref_key = (tuple(kinds), tuple(cred), ref_query or "")
refs = memo(
    ds,
    ("references", ref_key),
    lambda: frames.references_frame(ds, kinds=kinds, credibility=cred, search=ref_query or ""),
)
st.caption(f"{len(refs)} of {len(ds.references)} references. Sorted by how many figures cite them.")
deferred_part(
    "references",
    "the table",
    lambda: data_table(
        memo(ds, ("references-shown", ref_key), lambda: refs.drop(columns=["credibility", "id"])),
        key="references-table",
        column_order=[
            "title",
            "year",
            "stars",
            "kind",
            "publisher",
            "claims citing it",
            "link",
            "claims it states",
            "authors",
            "claims",
        ],
        column_config={
            **REF_COLUMNS,
            "authors": st.column_config.TextColumn("Authors"),
            "stars": st.column_config.TextColumn("Credibility", help="1-5 stars as the source text rates it"),
            "claims citing it": st.column_config.NumberColumn("Figures citing it"),
            "claims it states": st.column_config.NumberColumn(
                "Figures it states", help="For the source texts themselves"
            ),
            "claims": st.column_config.TextColumn("The figures", width="large"),
        },
    ),
)
download(
    "Download references (CSV)",
    memo(ds, ("references-csv", ref_key), lambda: safe_csv(refs)),
    file_name="references.csv",
    mime="text/csv",
    key="references-csv",
    icon=":material/download:",
    width="content",
)

citing = memo(ds, "citations", lambda: prov.citations(ds))
cited = memo(ds, ("cited", ref_key), lambda: [r for r in refs["id"] if citing.get(r)])
if cited:
    ref_label = labelled(memo(ds, "reference-labels", lambda: {r.id: prov.rated_label(r) for r in ds.references}))
    ref_choices = offered(cited, "ref", ref_label)
    keep_choice("ref", ref_choices)
    if len(cited) > MAX_SELECT_OPTIONS:
        st.caption(
            f"The select offers the {MAX_SELECT_OPTIONS} most cited of the {len(cited):,} references above that "
            "figures cite: search the references to find another."
        )
    ref_id = st.selectbox(
        "Show the figures that cite",
        ref_choices,
        format_func=ref_label,
        key="ref",
        bind="query-params",
    )
    citing_frame = memo(
        ds, ("citing-claims", ref_id), lambda: frames.citing_claims_frame(ds, ref_id).drop(columns=["id"])
    )
    deferred_part(
        "citing-claims",
        "the table",
        lambda: data_table(
            citing_frame,
            key="citing-claims",
            column_config=headers(citing_frame, {"year": st.column_config.NumberColumn("Year", format="%d")}),
        ),
    )

chart_block(ds, "sources", "credibility", defer=True)

# --------------------------------------------------------------------------
# Disagreements
# --------------------------------------------------------------------------
st.header("Where sources disagree", anchor="disagreements")
found = memo(ds, "disagreements", lambda: prov.disagreements(ds))
if not found:
    st.info("No quantity in this pack is given different figures by different sources.")
else:
    between = sum(d.sources_differ for d in found)
    st.markdown(
        f"{len(found)} quantities are given different figures: {between} between different texts, "
        f"{len(found) - between} within one text. Each version is kept with its own source; none is preferred."
    )
    summary = memo(ds, "disagreement-summary", lambda: frames.disagreement_summary(ds).drop(columns=["quantity"]))
    deferred_part(
        "disagreement-summary",
        "the table",
        lambda: data_table(
            summary,
            key="disagreement-summary",
            column_config={
                "measures": st.column_config.TextColumn("What is measured", width="large"),
                "figures": st.column_config.TextColumn("Figures given"),
                "stated in": st.column_config.TextColumn("Stated in"),
                "kind": st.column_config.TextColumn("Kind of disagreement"),
            },
        ),
    )
    by_quantity = memo(ds, "disagreements-by-quantity", lambda: {d.quantity: d for d in found})
    measures = memo(ds, "disagreement-labels", lambda: {q: d.measures for q, d in by_quantity.items()})
    quantities = offered(list(by_quantity), DISAGREEMENT_KEY, labelled(measures))
    keep_choice(DISAGREEMENT_KEY, quantities)
    if len(by_quantity) > MAX_SELECT_OPTIONS:
        st.caption(
            f"The select offers the first {MAX_SELECT_OPTIONS} of the {len(by_quantity):,} disagreements in the "
            "table above (different texts first); a link to any other still opens on it."
        )
    quantity = st.selectbox(
        "Look at one disagreement",
        quantities,
        format_func=labelled(measures),
        key=DISAGREEMENT_KEY,
        bind="query-params",
    )
    shown = by_quantity[quantity]
    dis = memo(ds, "disagreements-frame", lambda: frames.disagreements_frame(ds))
    dis_all = memo(ds, "disagreements-table", lambda: dis.drop(columns=["source"]))

    chart_block(ds, "sources", "disagreement", {DISAGREEMENT_KEY: quantity}, defer=True)
    with st.container(border=True, key="disagreement-side-by-side"):
        st.markdown(f"**{esc(shown.measures)}** · {esc(shown.kind)}")
        for col, c in zip(st.columns(len(shown.claims)), shown.claims, strict=True):
            with col:
                est = " (est.)" if c.estimate else ""
                st.markdown(f"### {esc(prov.format_figure(c.figure))}{est}")
                stated = ds.reference_by_id.get(c.stated_in)
                st.markdown(
                    "\n".join(
                        [
                            f"- {esc(c.statement)}",
                            f"- Unit: {esc(c.figure.unit)}; as written: {QUALIFIER_WORDS[c.figure.qualifier]}",
                            f"- Stated in: {esc(prov.rated_label(stated) if stated else c.stated_in)}",
                            f"- Cites: {esc(prov.references_text(ds, c.references))}",
                            f"- Year: {c.year if c.year else 'not given'}",
                        ]
                    )
                )
                if c.note:
                    st.caption(esc(c.note))
    with st.expander(
        "Every disagreeing figure in one table", icon=":material/table:", key="disagreements-open", bind="query-params"
    ):
        data_table(
            dis_all,
            key="disagreements-all",
            column_config=headers(dis, {"year": st.column_config.NumberColumn("Year", format="%d")}),
        )

# --------------------------------------------------------------------------
# Staleness
# --------------------------------------------------------------------------
st.header("The indices: editions shown and when the next is due", anchor="index-editions")
st.caption(
    "Each published index the Labs page shows, at its newest edition in this pack; the next edition's timing "
    "is given only as the index's sources state it."
)
deferred_part(
    "sources-index-editions",
    "the table",
    lambda: data_table(
        index_frames.editions_table(ds),
        key="sources-index-editions",
        column_config={"Next edition": st.column_config.TextColumn(width="large")},
    ),
)

st.header("When was this checked?", anchor="staleness")
st.markdown(f"Review status as of today, {today.isoformat()}.")
srcs = memo(ds, ("source-staleness", today), lambda: frames.sources_staleness_frame(ds, today))
st.subheader("The source texts")
deferred_part(
    "source-staleness",
    "the table",
    lambda: data_table(
        srcs.drop(columns=["days"]),
        key="source-staleness",
        column_config=headers(
            srcs,
            {"what the pack takes from it": st.column_config.TextColumn("What the pack takes from it", width="large")},
        ),
    ),
)
overdue_src = srcs[srcs["days"].fillna(0) < 0]
if not overdue_src.empty:
    st.warning(
        esc(
            "Overdue for their own review: "
            + "; ".join(f"{r['source text']} ({r['status']})" for _, r in overdue_src.iterrows())
            + ". Figures taken from them may since have changed."
        ),
        icon=":material/schedule:",
    )
files = memo(ds, ("file-staleness", today), lambda: frames.files_staleness_frame(ds, today))
st.subheader("The files of this data pack")
deferred_part(
    "file-staleness",
    "the table",
    lambda: data_table(files.drop(columns=["days"]), key="file-staleness", column_config=headers(files)),
)
overdue = files[files["days"] < 0]
if overdue.empty:
    st.caption("Every file is within its review cadence.")
else:
    st.caption(esc(f"{len(overdue)} of {len(files)} files are overdue for review."))
