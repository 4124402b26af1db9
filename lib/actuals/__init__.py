"""Uploaded yearly actuals: read a file, validate it, preview it, commit it as a batch, undo it.

Pure (no Streamlit): the upload page and `python -m lib.cli import-actuals` share this path.
reading -> validation (with reference) -> importer (preview, commit, undo, history);
messages renders problems in Chinese or English; template builds the file to fill in.
"""
