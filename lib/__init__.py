"""Zhejiang innovation-plan tracker: all logic, importable without Streamlit (except lib/ui)."""
