"""The app configuration served at ``/config``: components, layout and dependencies."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from specblocks.app._render import is_render_dependency
from specblocks.core._blocks import Block, BlockContext, descendants
from specblocks.core._component import Component
from specblocks.core._samples import with_sample_urls
from specblocks.server._endpoints import Endpoint, in_api
from specblocks.server._files import with_file_urls
from specblocks.server._props import block_props, to_json_props

if TYPE_CHECKING:
    from specblocks.app._blocks import Blocks

API_PREFIX = "/gradio_api"
PROTOCOL = "sse_v3"
#: The protocol version announced to clients; clients choose their code paths from it.
PROTOCOL_VERSION = "6.31.0"
#: Where the sample media files are served, under the API prefix.
MEDIA_ROUTE = "/media"


#: The named links of the page footer, all shown by default.
FOOTER_LINKS = ("api", "gradio", "settings", "runs")


def media_url(root: str) -> str:
    """The URL of the sample media files of an app served at ``root``."""
    return f"{root}{API_PREFIX}{MEDIA_ROUTE}"


def _listened(block: Block, endpoints: list[Endpoint]) -> set[str]:
    """The names of the events of ``block`` that have a listener."""
    return {
        event.name for e in endpoints for target, event in e.dependency.targets if target is block
    }


def _event_props(block: Block, endpoints: list[Endpoint]) -> dict[str, Any]:
    """What the block's events add to its config.

    Their properties, and for a Component whether it is selectable (as every component's
    config says).
    """
    listened = _listened(block, endpoints)
    props: dict[str, Any] = {}
    for event in type(block).EVENTS:
        props.update(event.config_props)
        if event.listened_prop is not None:
            props[event.listened_prop] = event.name in listened
    if isinstance(block, Component):
        props["_selectable"] = "select" in listened
    return props


def component_config(block: Block, endpoints: list[Endpoint], root: str) -> dict[str, Any]:
    """The entry of one block in ``config["components"]``."""
    name = type(block).NAME.lower()
    props = block_props(block)
    if isinstance(block, Component):
        props.update(to_json_props(block.config_props()))
    entry: dict[str, Any] = {"id": block._id, "type": block.block_type()}
    if isinstance(block, Component):
        value = block.initial_value()
        if value is not None:
            props = {"value": value, **props}
    props["name"] = name
    props.update(_event_props(block, endpoints))
    # files in values and samples carry the URL they are served at, as a client sees them
    entry["props"] = with_file_urls(props, f"{root}{API_PREFIX}")
    entry["skip_api"] = not in_api(block)
    entry["component_class_id"] = block.class_id()
    entry["key"] = getattr(block, "key", None)
    if in_api(block):
        assert isinstance(block, Component)
        info = block.api_info()
        entry["api_info"] = info
        entry["api_info_as_input"] = info
        entry["api_info_as_output"] = info
        entry["example_inputs"] = with_sample_urls(block.example_payload(), media_url(root))
    return entry


def layout_node(block: Block) -> dict[str, Any]:
    """A block's node in a layout tree: its id, and its children's nodes if it has any."""
    node: dict[str, Any] = {"id": block._id}
    if isinstance(block, BlockContext):
        node["children"] = [layout_node(child) for child in block.children]
    return node


def _ids(blocks: object) -> list[int] | None:
    """The ids of a block or a list of blocks (None stays None)."""
    if blocks is None:
        return None
    items = blocks if isinstance(blocks, list | tuple | set) else [blocks]
    return [b._id for b in items if isinstance(b, Block)]


def dependency_config(
    endpoint: Endpoint, fn_indices: dict[int, int] | None = None
) -> dict[str, Any]:
    """The entry of one dependency in ``config["dependencies"]``.

    ``fn_indices`` maps dependency ids to their fn_index in this app (for chains and cancels).
    """
    fn_indices = fn_indices or {}
    dep = endpoint.dependency
    options = dep.options
    sig = endpoint.signature
    given = getattr(options, "cancels", None) or []
    cancels = list(given) if isinstance(given, list | tuple) else [given]
    after = dep.trigger_after
    return {
        "id": endpoint.fn_index,
        "targets": [[block._id, event.name] for block, event in dep.targets],  # type: ignore[attr-defined]
        "inputs": [b._id for b in dep.inputs],
        "outputs": [b._id for b in dep.outputs],
        "backend_fn": dep.fn is not None,
        "js": getattr(options, "js", None),
        "queue": bool(getattr(options, "queue", True)),
        "api_name": endpoint.api_name,
        "api_description": getattr(options, "api_description", None),
        "api_visibility": endpoint.visibility,
        "scroll_to_output": bool(getattr(options, "scroll_to_output", False)),
        "show_progress": getattr(options, "show_progress", "full"),
        "show_progress_on": _ids(getattr(options, "show_progress_on", None)),
        "batch": bool(getattr(options, "batch", False)),
        "max_batch_size": int(getattr(options, "max_batch_size", 4)),
        "cancels": [fn_indices.get(c.id, c.id) for c in cancels],
        "types": {
            "generator": bool(sig and (sig.is_generator or sig.is_async_generator)),
            "cancel": dep.fn is None and bool(cancels),
        },
        "collects_event_data": bool(sig and sig.collects_event_data),
        "trigger_after": fn_indices.get(after.id, after.id) if after is not None else None,
        "trigger_only_on_success": dep.trigger_condition == "success",
        "trigger_only_on_failure": dep.trigger_condition == "failure",
        "trigger_mode": dep.trigger_mode,
        "rendered_in": None,
        "render_id": _render_id(dep),
        "connection": "sse",
        "time_limit": getattr(options, "time_limit", None),
        "stream_every": getattr(options, "stream_every", 0.5),
        "event_specific_args": None,
        "component_prop_inputs": [],
        "js_implementation": None,
    }


def _render_id(dependency: Any) -> int | None:
    """The region id of a ``@render`` listener (None for other listeners)."""
    if not is_render_dependency(dependency):
        return None
    render_id: int = dependency.renderable.render_id
    return render_id


def _pages(app: Blocks, endpoints: list[Endpoint]) -> dict[str, dict[str, Any]]:
    """Each page's layout, components and listeners, by path ("" is the main page)."""
    block_pages: dict[int, str] = getattr(app, "block_pages", {})
    dependency_pages: dict[int, str] = getattr(app, "dependency_pages", {})
    pages: dict[str, dict[str, Any]] = {}
    for path in ["", *(p for p, _, _ in getattr(app, "pages", []))]:
        top = [c for c in app.children if block_pages.get(c._id, "") == path]
        pages[path] = {
            "layout": {"id": app._id, "children": [layout_node(child) for child in top]},
            "components": [block._id for block in descendants(top)],
            "dependencies": [
                e.fn_index for e in endpoints if dependency_pages.get(e.dependency.id, "") == path
            ],
        }
    return pages


def app_config(
    app: Blocks,
    endpoints: list[Endpoint],
    *,
    root: str,
    username: str | None,
    settings: dict[str, Any],
) -> dict[str, Any]:
    """The whole ``/config`` document for ``app`` as seen from ``root``."""
    blocks = list(app.blocks.values())
    components = [component_config(b, endpoints, root) for b in blocks]
    layout = {"id": app._id, "children": [layout_node(child) for child in app.children]}
    fn_indices = {e.dependency.id: e.fn_index for e in endpoints}
    dependencies = [dependency_config(e, fn_indices) for e in endpoints]
    return {
        "version": PROTOCOL_VERSION,
        "api_prefix": API_PREFIX,
        "protocol": PROTOCOL,
        "mode": getattr(app.options, "mode", None) or "blocks",  # "interface", ...
        "app_id": settings.get("app_id", 0),
        "dev_mode": False,
        "analytics_enabled": False,
        "title": getattr(app.options, "title", None) or "specblocks",
        "css": settings.get("css"),
        "js": settings.get("js"),
        "head": settings.get("head"),
        "connect_heartbeat": True,
        "enable_queue": True,
        "show_error": settings.get("show_error", False),
        "max_file_size": settings.get("max_file_size"),
        "fill_height": bool(getattr(app.options, "fill_height", False)),
        "fill_width": bool(getattr(app.options, "fill_width", False)),
        "space_id": None,
        "is_colab": False,
        "run_history": False,
        "stylesheets": [],
        "theme": "default",
        "footer_links": settings.get("footer_links", [*FOOTER_LINKS]),
        "i18n_translations": settings.get("i18n"),
        "pages": [["", "Home", True], *([p, n, s] for p, n, s in getattr(app, "pages", []))],
        "page": _pages(app, endpoints),
        "components": components,
        "dependencies": dependencies,
        "layout": layout,
        "username": username,
        "root": root,
    }
