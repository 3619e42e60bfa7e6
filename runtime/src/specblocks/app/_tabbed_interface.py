"""``TabbedInterface``: several apps as the tabs of one."""

from __future__ import annotations

from typing import TYPE_CHECKING

from specblocks import components
from specblocks._generated.blocks import BlocksOptions
from specblocks._generated.tabbed_interface import TabbedInterfaceBase
from specblocks.app._blocks import Blocks
from specblocks.components import _layouts as layouts

if TYPE_CHECKING:
    from specblocks._generated.tabbed_interface import TabbedInterfaceOptions


class TabbedInterface(TabbedInterfaceBase, Blocks):
    """Several apps shown as tabs: ``TabbedInterface([hello, bye], ["Hello", "Bye"])``."""

    def _init_tabbed_interface(self, options: TabbedInterfaceOptions) -> None:
        apps = list(options.interface_list)
        for index, app in enumerate(apps):
            if not isinstance(app, Blocks):
                raise TypeError(
                    f"TabbedInterface: item {index} of interface_list is a "
                    f"{type(app).__name__}, not an Interface, ChatInterface or Blocks."
                )
        names = options.tab_names or [f"Tab {i + 1}" for i in range(len(apps))]
        if len(names) != len(apps):
            raise ValueError(
                f"TabbedInterface: {len(names)} tab name(s) for {len(apps)} app(s); give one "
                "name per app, or none."
            )
        self._init_blocks(
            BlocksOptions(
                analytics_enabled=options.analytics_enabled,
                mode="tabbed_interface",
                title=options.title or "Gradio",
            )
        )
        self.interface_list = apps
        with self:
            if options.title:
                components.Markdown(
                    f"<h1 style='text-align: center; margin-bottom: 1rem'>{options.title}</h1>"
                )
            with layouts.Tabs(**(options.tabs_kwargs or {})):
                for app, name in zip(apps, names, strict=True):
                    with layouts.Tab(label=name):
                        app.render()
