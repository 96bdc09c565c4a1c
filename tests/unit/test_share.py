"""Links that reproduce a view: parameter cleaning and URL building."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

from hypothesis import example, given
from hypothesis import strategies as st

from dashboard.views.links import (
    STREAMLIT_KEYS,
    Dropped,
    app_base,
    as_list,
    changed_params,
    clean_params,
    describe_dropped,
    query_string,
    view_url,
)

ALLOWED = {"tech": {"debate", "rlhf"}, "sort": {"current", "drop"}, "present": None}


def test_unknown_key_is_dropped_whole():
    clean, dropped = clean_params({"tech": "debate", "zoom": "3"}, ALLOWED)
    assert clean == {"tech": ["debate"]}
    assert dropped == [Dropped("zoom", None, "unknown setting")]


def test_stale_value_of_a_repeated_key_is_dropped_alone():
    clean, dropped = clean_params({"tech": ["debate", "gone-technique", "rlhf"]}, ALLOWED)
    assert clean == {"tech": ["debate", "rlhf"]}
    assert dropped == [Dropped("tech", "gone-technique", "no longer exists")]


def test_key_with_only_stale_values_disappears():
    clean, dropped = clean_params({"sort": "alphabetical"}, ALLOWED)
    assert clean == {}
    assert [str(d) for d in dropped] == ["sort=alphabetical"]


def test_empty_value_is_kept_as_a_cleared_widget():
    clean, dropped = clean_params({"tech": ""}, ALLOWED)
    assert clean == {"tech": [""]}
    assert dropped == []


def test_free_values_and_streamlit_keys_pass():
    clean, dropped = clean_params({"present": "1", "embed": "true"}, ALLOWED)
    assert clean == {"present": ["1"], "embed": ["true"]}
    assert dropped == []


def test_notice_names_what_was_ignored_and_counts_the_rest():
    dropped = [Dropped(f"k{i}", None, "unknown setting") for i in range(7)]
    text = describe_dropped(dropped, limit=3)
    assert text.startswith("Ignored 7 link settings")
    assert "k0, k1, k2 and 4 more" in text
    assert describe_dropped([]) == ""
    one = describe_dropped([Dropped("tech", "x" * 100, "no longer exists")])
    assert "1 link setting " in one and "…" in one and len(one) < 160


def test_changed_params_reports_values_streamlit_discarded():
    before = {"tech": ["debate", "gone"], "sort": "nonsense", "view": "Chart"}
    after = {"tech": "debate", "view": "Chart"}
    assert [str(d) for d in changed_params(before, after)] == ["tech=gone", "sort=nonsense"]


def test_view_url_with_a_base():
    url = view_url("http://localhost:8501/", "effectiveness", {"tech": ["debate", "rlhf"], "sort": "drop"})
    parts = urlsplit(url)
    assert (parts.scheme, parts.netloc, parts.path) == ("http", "localhost:8501", "/effectiveness")
    assert parse_qs(parts.query) == {"tech": ["debate", "rlhf"], "sort": ["drop"]}


def test_view_url_keeps_a_base_path_and_handles_the_default_page():
    assert view_url("https://example.org/dash", "", {}) == "https://example.org/dash"
    assert view_url("https://example.org/dash/", "labs", {"a": "1"}) == "https://example.org/dash/labs?a=1"
    assert view_url("https://example.org", "", {}) == "https://example.org/"


def test_view_url_without_a_usable_base_is_relative():
    assert view_url(None, "labs", {"x": "1"}) == "/labs?x=1"
    assert view_url("javascript:alert(1)", "", {}) == "/"


def test_query_string_escapes_values():
    qs = query_string({"q": "a&b=c d", "empty": ""})
    assert parse_qs(qs, keep_blank_values=True) == {"q": ["a&b=c d"], "empty": [""]}


@given(
    st.dictionaries(
        st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=1, max_size=8),
        st.one_of(st.text(max_size=8), st.lists(st.text(max_size=8), max_size=4)),
        max_size=6,
    )
)
@example(params={"embed": ""})  # Streamlit's own embedding parameters always pass
def test_clean_params_never_raises_and_partitions(params):
    clean, dropped = clean_params(params, ALLOWED)
    assert set(clean) <= set(ALLOWED) | STREAMLIT_KEYS
    for key, values in clean.items():
        if key in STREAMLIT_KEYS:
            assert key not in ALLOWED and values == as_list(params[key])
            continue
        valid = ALLOWED[key]
        assert valid is None or all(v == "" or v in valid for v in values)
    kept = sum(len(v) for v in clean.values())
    given_values = sum(max(1, len(as_list(v))) for k, v in params.items())
    # every value is either kept or reported (an unknown key counts once)
    assert kept + len(dropped) <= given_values + len(params)
    for key in params:
        if key not in ALLOWED and key not in STREAMLIT_KEYS:
            assert Dropped(key, None, "unknown setting") in dropped


def test_app_base_removes_a_page_path():
    pages = ["", "labs", "effectiveness"]
    assert app_base("http://127.0.0.1:8765/effectiveness", pages) == "http://127.0.0.1:8765/"
    assert app_base("https://example.org/dash/labs/", pages) == "https://example.org/dash"
    assert app_base("https://example.org/dash", pages) == "https://example.org/dash"
    assert app_base(None, pages) is None
    assert view_url(app_base("http://h:1/labs", pages), "labs", {"lab": "x"}) == "http://h:1/labs?lab=x"
