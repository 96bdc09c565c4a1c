"""app.py and the pages sit on top of dashboard.app: they import the dashboard's layers, Streamlit and the
standard library, never the command line (import-linter checks the package; this checks the scripts)."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BELOW = {"app", "exports", "views", "analysis", "pack"}


def _imports(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    out = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            out += [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level:
            out.append(node.module)
    return out


def test_app_and_pages_import_only_the_layers_below_them():
    scripts = [ROOT / "app.py", *sorted((ROOT / "pages").glob("*.py"))]
    assert len(scripts) > 1
    for script in scripts:
        for module in _imports(script):
            top, _, rest = module.partition(".")
            if top == "dashboard":
                assert rest.split(".")[0] in BELOW, f"{script.name} imports {module}"
            else:
                assert top in {"streamlit", "__future__"} or top in sys.stdlib_module_names, (
                    f"{script.name} imports {module}"
                )
