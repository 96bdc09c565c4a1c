"""AI-assisted alignment dashboard. Run with ``streamlit run app.py``; the pack shown is
$DASHBOARD_DATA_DIR, else data/.

This file is read two ways. Streamlit runs it for every visit (as ``__main__``): page configuration,
navigation, the sidebar and the page (dashboard.app.shell). ``streamlit run`` also imports it to find
the server it serves (``app``): the dashboard plus the audience's plain HTTP routes of a talk, with
the pack and the talk's slides made ready before the health check answers (dashboard.app.server).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

if __name__ == "__main__":
    from dashboard.app.shell import main

    main(Path(__file__).resolve().parent / "pages")
else:
    from dashboard.app import server

    app = st.App(__file__, routes=server.routes, lifespan=server.lifespan)
