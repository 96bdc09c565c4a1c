"""Labs charts, asserted on the figure's data (on the minimal pack; investment on the editions pack)."""

from __future__ import annotations

from dashboard.views import style
from dashboard.views.figures import labs as charts
from dashboard.views.frames import labs as F


def test_heatmap_holds_every_letter_with_its_gpa(mini):
    letter = F.letter_index(mini)
    frame = F.grade_matrix(mini, letter)
    fig = charts.grade_heatmap(frame, F.scale_frame(mini))
    hm = fig.data[0]
    assert hm.type == "heatmap"
    cells = {}
    for i, lab in enumerate(hm.y):
        for j, dom in enumerate(hm.x):
            cells[(lab, dom)] = (hm.text[i][j], hm.z[i][j])
    for r in frame.itertuples():
        assert cells[(r.lab_name, r.domain_label)] == (r.letter, r.gpa)
    assert len(cells) == len(frame)
    assert list(hm.y) == list(frame.drop_duplicates("lab").sort_values("order")["lab_name"])


def _luminance(colour: str) -> float:
    rgb = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    lin = [c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4 for c in rgb]
    return 0.2126 * lin[0] + 0.7152 * lin[1] + 0.0722 * lin[2]


def test_heatmap_letters_are_black_on_cells_light_enough_for_7_to_1(mini):
    scale = F.scale_frame(mini)
    fig = charts.grade_heatmap(F.grade_matrix(mini, F.letter_index(mini)), scale)
    hm = fig.data[0]
    assert hm.zmin == 0 and hm.zmax == 4.3
    # blue (F) to yellow (A+), lighter at each step: no red against green, and it reads in greyscale
    stops = [c for _, c in style.GRADE_COLOURSCALE]
    lums = [_luminance(c) for c in stops]
    assert lums == sorted(lums)
    assert hm.textfont.color == "#000000"
    # the darkest cell against black letters: 7:1 or more (a projected slide's minimum)
    assert (min(lums) + 0.05) / 0.05 >= 7
    best, worst = scale.iloc[0], scale.iloc[-1]
    assert f"{best.Letter}  {best.GPA:.1f}" in hm.colorbar.ticktext
    assert f"{worst.Letter}  {worst.GPA:.1f}" in hm.colorbar.ticktext
    assert hm.textfont.size >= style.MIN_FONT_SIZE


def test_heatmap_leaves_ungraded_cells_empty(mini):
    frame = F.grade_matrix(mini, F.letter_index(mini))
    frame = frame[~((frame["lab"] == "lab-one") & (frame["domain"] == "governance"))]
    hm = charts.grade_heatmap(frame, F.scale_frame(mini)).data[0]
    i, j = list(hm.y).index("Lab One"), list(hm.x).index("Governance")
    assert hm.z[i][j] is None and hm.text[i][j] == ""
    assert "not graded" in hm.customdata[i][j]


def test_scores_bar(mini):
    letter, pct = F.letter_index(mini), F.percent_index(mini)
    shown = F.scores_with_letters(F.scores_frame(mini, pct), F.grade_matrix(mini, letter), letter)
    fig = charts.scores_bar(shown, index_name=pct.name)
    bar = fig.data[0]
    assert dict(zip(bar.y, bar.x)) == {"Lab One": 42, "Lab Two": 17.5}
    assert "42% · overall B" in bar.text  # the letter of the index's ordering domain (risk assessment)


def test_investment_bars_split_per_year_from_raised(editions_pack):
    inv = F.investment_frame(editions_pack)
    fig = charts.investment_bar(inv)
    per_year = next(t for t in fig.data if t.meta["basis"] == "per-year")
    raised = next(t for t in fig.data if t.meta["basis"] == "raised")
    assert list(raised.y) == ["Lab Four"] and list(raised.x) == [2000.0]  # $2 billion, in millions
    assert raised.marker.pattern.shape == "/"
    assert "Lab Four" not in per_year.y
    assert dict(zip(per_year.y, per_year.x)) == {"Lab One": 100}
    assert any("(est.)" in t for t in per_year.text)
