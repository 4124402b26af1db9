"""A presenter's saved views: a name and the URL state of a page, kept in order in the database.

A view is the page key (as in its URL path) and its query string, without the settings of
the person looking (language, presenter mode, slideshow position): replaying a view in the
slideshow shows it in the presenter's language, full screen. The list can travel as a small
JSON file (`export_json` / `import_json`).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping
from urllib.parse import parse_qsl, urlencode

import pandas as pd
from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import select

from lib.db import session_scope
from lib.models import SavedView

# Pages a view can be saved from (URL paths); the slides page itself is not a view.
VIEW_PAGES = ("overview", "trajectories", "hangzhou", "corridors", "compare", "upload", "sources")
# Query parameters that belong to the viewer, not the view.
VIEWER_PARAMS = ("lang", "present", "slide")
FORMAT = "zj-tracker-saved-views"
FORMAT_VERSION = 1
MAX_NAME = 120
MAX_QUERY = 2000
MAX_VIEWS = 500
MAX_FILE_BYTES = 1_000_000
COLUMNS = ["id", "name", "page", "query", "position", "created_at"]


class SavedViewError(ValueError):
    """A saved view or a JSON file of them that cannot be accepted; `code` names why."""

    def __init__(self, code: str, **details: object):
        super().__init__(f"{code}: {details}" if details else code)
        self.code = code
        self.details = details


def view_query(params: Mapping[str, str] | Iterable[tuple[str, str]]) -> str:
    """The query string of a view: the page's own parameters, without the viewer's."""
    pairs = params.items() if isinstance(params, Mapping) else params
    kept = [(str(k), str(v)) for k, v in pairs if k not in VIEWER_PARAMS and str(v) != ""]
    # Commas separate list values in this app's URLs: keep them readable.
    return urlencode(kept, safe=",")


def query_params(query: str) -> dict[str, str]:
    """A view's query string as a dict for st.switch_page / st.query_params."""
    return {k: v for k, v in parse_qsl(query, keep_blank_values=False) if k not in VIEWER_PARAMS}


def describe_query(query: str) -> str:
    """A view's query string for people: decoded, one name=value per setting."""
    return " · ".join(f"{k}={v}" for k, v in parse_qsl(query))


def share_link(base: str, page: str, query: str, lang: str = "zh") -> str:
    """The full link to a page view: base URL of the app, the page path, its query and lang.

    The default page (overview) is served at the root; its path is not routable.
    """
    root = base.rstrip("/")
    path = "" if page == "overview" else page
    pairs = parse_qsl(query)
    if lang != "zh":
        pairs.append(("lang", lang))
    text = urlencode(pairs, safe=",")
    return f"{root}/{path}" + (f"?{text}" if text else "")


def _validate(name: object, page: object, query: object, pages: Iterable[str]) -> tuple:
    if not isinstance(name, str) or not name.strip():
        raise SavedViewError("name_missing")
    if len(name.strip()) > MAX_NAME:
        raise SavedViewError("name_too_long", limit=MAX_NAME)
    if page not in set(pages):
        raise SavedViewError("page_unknown", page=str(page)[:40])
    if not isinstance(query, str) or len(query) > MAX_QUERY:
        raise SavedViewError("query_invalid")
    return name.strip(), page, view_query(parse_qsl(query))


def _next_position(session) -> int:
    highest = session.exec(select(func.max(SavedView.position))).one()
    return 0 if highest is None else int(highest) + 1


def save_view(
    engine: Engine, name: str, page: str, query: str, pages: Iterable[str] = VIEW_PAGES
) -> int:
    """Add a view at the end of the list; its id."""
    name, page, query = _validate(name, page, query, pages)
    with session_scope(engine) as session:
        view = SavedView(name=name, page=page, query=query, position=_next_position(session))
        session.add(view)
        session.flush()
        return int(view.id)


def list_views(engine: Engine) -> pd.DataFrame:
    """Every saved view in slideshow order: id, name, page, query, position, created_at."""
    with session_scope(engine) as session:
        rows = session.exec(select(SavedView).order_by(SavedView.position, SavedView.id)).all()
        return pd.DataFrame([{c: getattr(r, c) for c in COLUMNS} for r in rows], columns=COLUMNS)


def _renumber(session, ordered: list[SavedView]) -> None:
    for position, view in enumerate(ordered):
        if view.position != position:
            view.position = position
            session.add(view)


def _ordered(session) -> list[SavedView]:
    return list(session.exec(select(SavedView).order_by(SavedView.position, SavedView.id)).all())


def move_view(engine: Engine, view_id: int, offset: int) -> bool:
    """Move a view up (offset -1) or down (+1) the list; False when it cannot move."""
    with session_scope(engine) as session:
        ordered = _ordered(session)
        index = next((i for i, v in enumerate(ordered) if v.id == view_id), None)
        if index is None or not 0 <= index + offset < len(ordered):
            return False
        view = ordered.pop(index)
        ordered.insert(index + offset, view)
        _renumber(session, ordered)
        return True


def reorder_views(engine: Engine, ids: list[int]) -> None:
    """Put the views in this order; views not named keep their order after them."""
    with session_scope(engine) as session:
        ordered = _ordered(session)
        rank = {view_id: i for i, view_id in enumerate(ids)}
        ordered.sort(key=lambda v: (rank.get(v.id, len(rank)), v.position, v.id))
        _renumber(session, ordered)


def rename_view(engine: Engine, view_id: int, name: str) -> None:
    """Give a view another name (its caption in the slideshow)."""
    name, _, _ = _validate(name, VIEW_PAGES[0], "", VIEW_PAGES)
    with session_scope(engine) as session:
        view = session.get(SavedView, view_id)
        if view is not None:
            view.name = name
            session.add(view)


def delete_view(engine: Engine, view_id: int) -> bool:
    """Remove a view and close the gap in the order; False when it did not exist."""
    with session_scope(engine) as session:
        view = session.get(SavedView, view_id)
        if view is None:
            return False
        session.delete(view)
        session.flush()
        _renumber(session, _ordered(session))
        return True


def export_json(engine: Engine) -> bytes:
    """The saved views, in order, as a small JSON document (UTF-8, Chinese kept readable)."""
    views = list_views(engine)
    document = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "views": [
            {"name": row.name, "page": row.page, "query": row.query} for row in views.itertuples()
        ],
    }
    return json.dumps(document, ensure_ascii=False, indent=2).encode("utf-8")


def parse_json(data: bytes | str, pages: Iterable[str] = VIEW_PAGES) -> list[tuple[str, str, str]]:
    """The (name, page, query) of each view in an exported file, checked; SavedViewError if not.

    Accepts the exported document or a bare list of views.
    """
    if isinstance(data, bytes):
        if len(data) > MAX_FILE_BYTES:
            raise SavedViewError("file_too_large", limit=MAX_FILE_BYTES)
        try:
            data = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            raise SavedViewError("not_json") from error
    try:
        document = json.loads(data)
    except json.JSONDecodeError as error:
        raise SavedViewError("not_json") from error
    if isinstance(document, dict):
        if document.get("format", FORMAT) != FORMAT or not isinstance(document.get("views"), list):
            raise SavedViewError("wrong_format")
        if int(document.get("version", FORMAT_VERSION)) > FORMAT_VERSION:
            raise SavedViewError("newer_version")
        items = document["views"]
    elif isinstance(document, list):
        items = document
    else:
        raise SavedViewError("wrong_format")
    if len(items) > MAX_VIEWS:
        raise SavedViewError("too_many", limit=MAX_VIEWS)
    views = []
    for n, item in enumerate(items, start=1):
        if not isinstance(item, dict):
            raise SavedViewError("bad_view", n=n, reason="not_object")
        try:
            views.append(
                _validate(item.get("name"), item.get("page"), item.get("query", ""), pages)
            )
        except SavedViewError as error:
            raise SavedViewError("bad_view", n=n, reason=error.code, **error.details) from error
    return views


def import_json(
    engine: Engine, data: bytes | str, replace: bool = False, pages: Iterable[str] = VIEW_PAGES
) -> int:
    """Add the views of an exported file at the end (or instead of all views); how many.

    All or nothing: a file with one bad view changes nothing.
    """
    views = parse_json(data, pages)
    with session_scope(engine) as session:
        if replace:
            for view in _ordered(session):
                session.delete(view)
            session.flush()
        start = _next_position(session)
        for offset, (name, page, query) in enumerate(views):
            session.add(SavedView(name=name, page=page, query=query, position=start + offset))
    return len(views)
