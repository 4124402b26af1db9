"""Upload yearly actuals: who may edit, the template, the file, its check and preview, history."""

import streamlit as st

from lib.actuals import display, importer, protection, template
from lib.actuals.messages import describe, problems_frame
from lib.actuals.problems import MAX_BYTES, MAX_ROWS, Refusal
from lib.actuals.reading import file_size
from lib.i18n import t
from lib.markdown import markdown_text
from lib.ui import data
from lib.ui.export import export_menu
from lib.ui.layout import page_title
from lib.ui.presenter import controls, page_tools
from lib.ui.state import current_language

PREVIEW_ROWS = 1_000
PROBLEMS_SHOWN = 200
state = st.session_state


def flash(slot: str, kind: str, text: str) -> None:
    """Keep a message for the next run (the page reruns after every write)."""
    state[f"upload.flash.{slot}"] = (kind, text)


def show_flash(slot: str) -> None:
    """Show the message kept for this place, once."""
    kind, text = state.pop(f"upload.flash.{slot}", (None, None))
    if kind:
        getattr(st, kind)(text)


def after_write() -> None:
    """Every page shows the new data; the preview of this page is recomputed; uploader resets."""
    data.clear_after_write()
    state["upload.version"] = state.get("upload.version", 0) + 1
    state.pop("upload.prepared", None)


lang = current_language()
page_title("upload", lang)
page_tools("upload", lang)
st.write(t("upload.intro", lang))
engine = data.engine()

# Who may edit: with a passphrase configured, only someone who knows it and gives a name.
passphrase = protection.editor_passphrase(st.secrets)
# An unlocked session stays unlocked only while the passphrase it was given stays the same.
editor, unlocked_with = state.get("upload.editor", (None, None))
editor = editor if passphrase and unlocked_with == protection.digest(passphrase) else None
if passphrase is None:
    st.warning(t("upload.open_editing", lang), icon=":material/lock_open:")
elif editor:
    st.caption(t("upload.editing_as", lang, who=markdown_text(editor)))
else:
    st.info(t("upload.protected", lang), icon=":material/lock:")
    with st.form("upload.unlock"):
        name = st.text_input(t("upload.editor_name", lang))
        given = st.text_input(t("upload.passphrase", lang), type="password")
        if st.form_submit_button(t("upload.unlock", lang)):
            if name.strip() and protection.passphrase_matches(given, passphrase):
                state["upload.editor"] = (name.strip(), protection.digest(passphrase))
                st.rerun()
            st.error(t("upload.wrong_passphrase", lang))
may_edit = passphrase is None or bool(editor)

# Getting and checking a file: controls, hidden in presenter mode like the undo buttons.
with controls("upload"):
    st.subheader(t("upload.step_template", lang))
    st.caption(t("upload.template_help", lang))
    left, right = st.columns(2)
    left.download_button(
        t("upload.template_csv", lang),
        data=template.template_csv(lang),
        file_name="actuals_template.csv",
        mime="text/csv",
        icon=":material/download:",
        on_click="ignore",
    )
    right.download_button(
        t("upload.template_xlsx", lang),
        data=lambda: template.template_xlsx(lang, data.indicators(), data.regions()),  # on click
        file_name="actuals_template.xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        icon=":material/download:",
        on_click="ignore",
    )

    if may_edit:
        st.subheader(t("upload.step_file", lang))
        st.caption(t("upload.limits", lang, size=file_size(MAX_BYTES), rows=f"{MAX_ROWS:,}"))
        show_flash("check")
        uploaded = st.file_uploader(
            t("upload.file_label", lang),
            type=["csv", "xlsx"],
            key=f"upload.file.{state.get('upload.version', 0)}",
        )
        if uploaded is not None:
            # Checking a large file takes seconds: do it once per file, not on every rerun.
            cache_key = (uploaded.file_id, state.get("upload.version", 0))
            cached = state.get("upload.prepared")
            if cached is None or cached[0] != cache_key:
                with st.spinner():
                    prepared = importer.prepare(engine, uploaded.getvalue(), uploaded.name)
                state["upload.prepared"] = cached = (cache_key, prepared)
            prepared = cached[1]

            st.subheader(t("upload.step_check", lang))
            if prepared.checked.warnings:
                st.warning(
                    "\n\n".join(
                        markdown_text(describe(p, lang)) for p in prepared.checked.warnings
                    ),
                    icon=":material/info:",
                )
            counts = prepared.counts
            if not prepared.ok:
                errors = prepared.checked.errors
                st.error(t("upload.rejected", lang, count=len(errors)), icon=":material/block:")
                shown = problems_frame(errors[:PROBLEMS_SHOWN], lang)
                st.table(shown.drop(columns=shown.columns[-1]).set_index(shown.columns[0]))
                if len(errors) > PROBLEMS_SHOWN:
                    st.caption(
                        t("upload.problems_shown", lang, shown=PROBLEMS_SHOWN, count=len(errors))
                    )
                st.download_button(
                    t("upload.problems_download", lang),
                    data=problems_frame(errors, lang).to_csv(index=False).encode("utf-8-sig"),
                    file_name=f"{uploaded.name}.problems.csv",
                    mime="text/csv",
                    on_click="ignore",
                )
            elif prepared.duplicate_of:
                st.info(t("upload.already_imported", lang, **prepared.duplicate_of))
            elif not prepared.writable:
                st.info(t("upload.nothing_to_change", lang, count=counts["total"]))
            else:
                st.caption(t("upload.preview", lang))
                metrics = st.columns(3)
                metrics[0].metric(t("upload.metric_insert", lang), f"{counts['inserts']:,}")
                metrics[1].metric(t("upload.metric_change", lang), f"{counts['changes']:,}")
                metrics[2].metric(t("upload.metric_same", lang), f"{counts['same']:,}")
                if counts["changes"]:
                    st.warning(t("upload.changes_warning", lang, count=counts["changes"]))
                plan = prepared.plan
                kinds = [
                    ("insert", plan.inserts),
                    ("change", plan.changes),
                    ("same", plan.unchanged),
                ]
                tabs = st.tabs([t(f"upload.tab_{k}", lang, count=len(rows)) for k, rows in kinds])
                for tab, (kind, rows) in zip(tabs, kinds, strict=True):
                    with tab:
                        if rows.empty:
                            st.caption(t("upload.none", lang))
                            continue
                        table = display.preview_table(
                            rows, kind, lang, data.indicators(), data.regions(), PREVIEW_ROWS
                        )
                        st.dataframe(table, hide_index=True)
                        if len(rows) > PREVIEW_ROWS:
                            st.caption(
                                t("upload.rows_shown", lang, shown=PREVIEW_ROWS, count=len(rows))
                            )
                confirmed = st.checkbox(
                    t("upload.confirm", lang, inserts=counts["inserts"], changes=counts["changes"])
                )
                if st.button(t("upload.commit", lang), type="primary", disabled=not confirmed):
                    try:
                        done = importer.commit(engine, prepared, who=editor)
                    except Refusal as refusal:
                        # Someone else wrote meanwhile: check the same file again against the news.
                        data.clear_after_write()
                        state.pop("upload.prepared", None)
                        flash("check", "warning", describe(refusal.problem, lang))
                    else:
                        after_write()
                        flash(
                            "check",
                            "success",
                            t(
                                "upload.committed",
                                lang,
                                batch=done.batch_id,
                                inserted=done.inserted,
                                updated=done.updated,
                                unchanged=done.unchanged,
                            ),
                        )
                    st.rerun()

st.subheader(t("upload.step_history", lang))
show_flash("history")
batches = importer.history(engine)
if batches.empty:
    st.caption(t("upload.history_empty", lang))
else:
    st.caption(t("upload.history_undo_help", lang))
    history_table = display.history_table(batches, lang)
    st.dataframe(history_table, hide_index=True)
    export_menu(None, history_table, "upload-history", lang)
    if may_edit:
        committed = batches[batches["status"] == "committed"]
        with controls("undo"):
            for batch in committed.itertuples(index=False):
                file_name = markdown_text(batch.file_name)
                if state.get("upload.confirm_undo") != batch.id:
                    st.button(
                        f"{t('upload.undo', lang, batch=batch.id)} · {file_name}",
                        key=f"upload.undo.{batch.id}",
                        icon=":material/undo:",
                        on_click=state.__setitem__,
                        args=("upload.confirm_undo", batch.id),
                    )
                    continue
                with st.container(border=True):
                    st.warning(
                        t(
                            "upload.undo_confirm",
                            lang,
                            batch=batch.id,
                            file=file_name,
                            inserted=batch.rows_inserted,
                            updated=batch.rows_updated,
                        )
                    )
                    yes, no = st.columns(2)
                    if yes.button(
                        t("upload.undo_yes", lang), type="primary", key="upload.undo_yes"
                    ):
                        state.pop("upload.confirm_undo", None)
                        try:
                            undone = importer.undo(engine, batch.id)
                        except Refusal as refusal:
                            flash("history", "error", describe(refusal.problem, lang))
                        else:
                            after_write()
                            flash(
                                "history",
                                "success",
                                t(
                                    "upload.undone",
                                    lang,
                                    batch=undone.batch_id,
                                    removed=undone.removed,
                                    restored=undone.restored,
                                ),
                            )
                        st.rerun()
                    if no.button(t("upload.undo_cancel", lang), key="upload.undo_no"):
                        state.pop("upload.confirm_undo", None)
                        st.rerun()
