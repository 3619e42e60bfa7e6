"""Each session's ``@render`` regions: what they built last, and the part of the page it is.

When a render function has run for a session, :meth:`Renderings.apply`:

- gives blocks built with a ``key`` the id the same key had in the previous rendering, so the
  browser keeps the element (and the properties its ``preserved_by_key`` names);
- replaces the listeners the previous rendering attached with the new ones: each becomes an
  endpoint of its own index, callable while this rendering lasts (and dropped with the session);
- returns the ``render_config`` sent with the result: the region's components, layout and
  listeners, in the form of the app config.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from specblocks.app._render import Rendered
from specblocks.server._config import component_config, dependency_config, layout_node
from specblocks.server._endpoints import EndpointTable
from specblocks.server._sessions import SessionState


@dataclass
class _Region:
    """What one render region last built for a session."""

    ids_by_key: dict[Any, int] = field(default_factory=dict)
    fn_indices: list[int] = field(default_factory=list)


class Renderings:
    """The renderings of every session of one app."""

    def __init__(self, endpoints: EndpointTable) -> None:
        self.endpoints = endpoints

    def apply(self, session: SessionState, rendered: Rendered, root: str) -> dict[str, Any]:
        """Keep what ``rendered`` built for ``session``; the ``render_config`` to send."""
        renderable = rendered.renderable
        regions: dict[int, _Region] = session.renders
        previous = regions.get(renderable.render_id, _Region())
        blocks = rendered.blocks
        ids_by_key: dict[Any, int] = {}
        for block in blocks:
            key = _hashable(getattr(block, "key", None))
            if key is None:
                continue
            if key in previous.ids_by_key:
                block._id = previous.ids_by_key[key]
            ids_by_key[key] = block._id
        self.endpoints.discard_rendered(previous.fn_indices)
        added = [self.endpoints.add_rendered(dep) for dep in rendered.dependencies]
        regions[renderable.render_id] = _Region(ids_by_key, [e.fn_index for e in added])
        if not session.on_clear:
            session.on_clear.append(lambda: self._forget(regions))

        endpoints = [*self.endpoints.endpoints, *added]
        fn_indices = {e.dependency.id: e.fn_index for e in endpoints}
        container = renderable.container
        components = [component_config(container, endpoints, root)]
        components[0]["renderable"] = renderable.render_id
        for block in blocks:
            entry = component_config(block, endpoints, root)
            entry["rendered_in"] = renderable.render_id
            entry["props"]["rendered_in"] = renderable.render_id
            components.append(entry)
        dependencies = []
        for endpoint in added:
            entry = dependency_config(endpoint, fn_indices)
            entry["rendered_in"] = renderable.render_id
            dependencies.append(entry)
        layout = {
            "id": container._id,
            "children": [layout_node(child) for child in rendered.children],
        }
        return {
            "components": components,
            "dependencies": dependencies,
            "layout": layout,
            "render_id": renderable.render_id,
        }

    def _forget(self, regions: dict[int, _Region]) -> None:
        for region in regions.values():
            self.endpoints.discard_rendered(region.fn_indices)
        regions.clear()


def _hashable(key: Any) -> Any:
    if isinstance(key, list):
        return tuple(key)
    return key
