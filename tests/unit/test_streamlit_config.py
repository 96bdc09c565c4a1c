"""The production settings in .streamlit/config.toml parse and hold what the deployment needs."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

from dashboard.pack.upload import MAX_PACK_BYTES
from dashboard.views import style

ROOT = Path(__file__).resolve().parents[2]
CONFIG = ROOT / ".streamlit" / "config.toml"

EXPECTED = {
    "client.showErrorDetails": "none",
    "client.toolbarMode": "viewer",
    "server.enableXsrfProtection": True,
    "server.enableCORS": True,
    "server.maxUploadSize": 20,
    "server.headless": True,
    "browser.gatherUsageStats": False,
    "server.fileWatcherType": "none",
    "runner.postScriptGC": False,
}


def test_config_file_parses_and_holds_the_production_settings():
    data = tomllib.loads(CONFIG.read_text(encoding="utf-8"))
    flat = {f"{section}.{key}": value for section, opts in data.items() for key, value in opts.items()}
    assert {k: flat.get(k) for k in EXPECTED} == EXPECTED
    # Light and dark both follow the viewer: the accent from the shared palette, the text colour set so
    # that captions derived from it keep 4.5:1.
    assert set(data["theme"]) == {"light", "dark"}
    assert data["theme"]["light"] == {"primaryColor": style.BLUE, "textColor": style.TEXT_ON["light"]}
    assert data["theme"]["dark"] == {"primaryColor": style.SKY, "textColor": style.TEXT_ON["dark"]}


def test_upload_limit_matches_the_pack_limit():
    assert EXPECTED["server.maxUploadSize"] * 1024 * 1024 == MAX_PACK_BYTES


def test_streamlit_reads_the_settings_as_given():
    """Streamlit itself, started in the project folder, sees the values and accepts them."""
    keys = list(EXPECTED)
    script = (
        "import json; from streamlit import config;"
        "config.get_config_options(force_reparse=True);"
        f"print(json.dumps({{k: config.get_option(k) for k in {keys!r}}}))"
    )
    proc = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert proc.returncode == 0, proc.stderr
    seen = json.loads(proc.stdout.strip().splitlines()[-1])
    assert seen == EXPECTED
    assert "Traceback" not in proc.stderr


def test_values_are_among_the_accepted_choices():
    from streamlit.config import ShowErrorDetailsConfigOptions

    assert EXPECTED["client.showErrorDetails"] in {o.value for o in ShowErrorDetailsConfigOptions}
    assert EXPECTED["client.toolbarMode"] in {"auto", "developer", "viewer", "minimal"}
