"""Every block a page shows is in every output: the offline report, SQLite and the Data Package.

The inventory (``tests/output_inventory.py``) lists, page by page, each block, what the page reads to
draw it, the report section and the tables that hold it. A block added to a page reads something no
block lists, and the first test fails until the inventory says where each output holds it.
"""

from __future__ import annotations

import pytest

from dashboard.exports import tables
from dashboard.views.catalogue import PAGES, page_views
from output_inventory import (
    INVENTORY,
    MINIMAL_LACKS,
    NOT_ON_A_PAGE,
    missing_from_report,
    page_reads,
    report_section_ids,
)


def test_the_inventory_lists_every_page_and_every_block_each_page_draws():
    assert set(INVENTORY) == set(PAGES)
    for page in PAGES:
        listed = {r for b in INVENTORY[page].values() for r in b.reads}
        reads = page_reads(page)
        assert reads - listed == set(), f"{page}: blocks the inventory does not place in the outputs"
        assert listed - reads == set(), f"{page}: the inventory lists what the page no longer reads"
        charts = {f"chart:{s.view}" for s in page_views(page)}
        assert charts <= listed, f"{page}: catalogue charts missing from the inventory"


def test_every_block_names_a_report_section_and_tables_that_exist(mini):
    exported = tables.pack_tables(mini)
    resources = {r["name"] for r in tables.datapackage(mini)["resources"]}
    used: set[str] = set()
    for page, blocks in INVENTORY.items():
        for name, block in blocks.items():
            assert block.tables, f"{page}/{name}: no table holds it"
            for t in block.tables:
                assert t in exported, f"{page}/{name}: no SQLite table {t}"
                assert t.replace("_", "-") in resources, f"{page}/{name}: no Data Package resource {t}"
            used.update(block.tables)
    link_only = {t for t in exported if t not in used and t not in NOT_ON_A_PAGE}
    assert link_only == set(), "tables no block of any page draws from: place them in the inventory"


@pytest.fixture(scope="module")
def mini_ids(mini):
    return report_section_ids(mini)


def test_the_report_holds_every_block_the_minimal_pack_has(mini_ids, mini):
    missing = missing_from_report(mini_ids)
    assert missing <= MINIMAL_LACKS, missing - MINIMAL_LACKS
    con_tables = tables.pack_tables(mini)
    for page, blocks in INVENTORY.items():
        for name, block in blocks.items():
            if block.report not in MINIMAL_LACKS:
                assert any(con_tables[t].rows for t in block.tables), f"{page}/{name}: no rows in {block.tables}"
