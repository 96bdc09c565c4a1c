"""The framework floor: one plotly chart and one table, nothing else.

bench.py starts it beside the dashboard and reports the dashboard's cold start as a multiple of it.
"""

import pandas as pd
import plotly.express as px
import streamlit as st

st.set_page_config(page_title="Bare app", layout="wide")
frame = pd.DataFrame({"technique": [f"T{i}" for i in range(20)], "value": [(i * 37) % 100 for i in range(20)]})
st.plotly_chart(px.bar(frame, x="technique", y="value"), key="chart")
st.dataframe(frame, hide_index=True, key="table")
