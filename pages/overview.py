import streamlit as st
from dashboard import ui
ds = ui.dataset()
st.title("AI-assisted alignment")
