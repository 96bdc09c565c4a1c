"""DataFrames -> plotly figures: pure functions, no streamlit, one module per concept."""
