"""Dataset -> pandas DataFrames: pure functions, one module per concept."""
