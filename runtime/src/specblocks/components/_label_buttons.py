"""Buttons whose value is their label: Button, ClearButton and the built-in action buttons."""

from __future__ import annotations

import copy
import json
import os
import time
from collections.abc import Sequence
from typing import Any, Self

from specblocks._generated.button import ButtonBase
from specblocks._generated.clear_button import ClearButtonBase
from specblocks._generated.deep_link_button import DeepLinkButtonBase
from specblocks._generated.duplicate_button import DuplicateButtonBase
from specblocks._generated.login_button import LoginButtonBase
from specblocks.components._after_init import AfterInit
from specblocks.components._coerce import bad_payload
from specblocks.components._jsonable import to_jsonable
from specblocks.core._blocks import current_app
from specblocks.core._component import Component

_RESTORE_DELAY = 1.0


def label_payload(component: Component, payload: Any) -> str | None:
    """A button label sent by the browser."""
    if payload is None or isinstance(payload, str):
        return payload
    raise bad_payload(component, "the button's label (a string)", payload)


def _in_app() -> bool:
    return current_app() is not None


class _LabelButton(Component):
    """The data contract of buttons: the value is the label, shown with ``str()``."""

    def preprocess(self, payload: Any) -> str | None:
        """Pass the button's current label to the function.

        Raises:
            PayloadError: The payload is not a string.
        """
        return label_payload(self, payload)

    def postprocess(self, value: Any) -> str:
        """Set the label to the returned value, converted with ``str()`` (None shows "None")."""
        return str(value)


class Button(_LabelButton, ButtonBase):
    __doc__ = ButtonBase.__doc__


class ClearButton(ClearButtonBase, AfterInit):
    __doc__ = ClearButtonBase.__doc__

    def _after_init(self) -> None:
        if _in_app():
            self.add(self.components)

    def add(self, components: Component | Sequence[Component] | None) -> Self:
        """Also clear ``components`` when the button is clicked.

        Each component is set to its empty value (its ``postprocess(None)``) by JavaScript in
        the browser; State components are reset to their initial values by the server.

        Args:
            components: A component or a list of components.

        Returns:
            This button.
        """
        from specblocks.components._state import State

        if not components:
            return self
        targets = [components] if isinstance(components, Component) else list(components)
        empty_values = [to_jsonable(target.postprocess(None)) for target in targets]
        self.click(
            None,
            [],
            targets,
            js=f"() => {json.dumps(empty_values)}",
            api_name=self.api_name,
            api_visibility="private",
        )
        states = [target for target in targets if isinstance(target, State)]
        if states:
            initial = [copy.deepcopy(state.value) for state in states]
            self.click(
                lambda: _fresh(initial),
                None,
                states,
                api_name=self.api_name,
                api_visibility=self.api_visibility,
            )
        return self

    def preprocess(self, payload: Any) -> str | None:
        """Pass the button's current label to the function.

        Raises:
            PayloadError: The payload is not a string.
        """
        return label_payload(self, payload)

    def postprocess(self, value: Any) -> str | None:
        """Set the label to the returned value; None is passed on as is."""
        return None if value is None else str(value)


class DeepLinkButton(_LabelButton, DeepLinkButtonBase):
    __doc__ = DeepLinkButtonBase.__doc__

    def activate(self) -> None:
        """Attach the click listeners: copy the link in the browser, then restore the label.

        Call it inside the ``with Blocks()`` that holds the button; the constructor does not.
        """
        self.click(None, [], [self], js=self.get_share_link(), api_visibility="private")
        self.click(self._restore_label, [], [self], queue=False, api_visibility="undocumented")

    def _restore_label(self) -> str:
        time.sleep(_RESTORE_DELAY)
        return self.value

    def get_share_link(self) -> str:
        """JavaScript that copies a deep link of the session and shows ``copied_value``."""
        drop_signature = 'link.searchParams.delete("__sign");' if os.environ.get("SPACE_ID") else ""
        return (
            "() => {\n"
            "  const session = window.__gradio_session_hash__;\n"
            "  fetch(`gradio_api/deep_link?session_hash=${session}`)\n"
            "    .then((response) => {\n"
            "      if (!response.ok) throw new Error(`status ${response.status}`);\n"
            "      return response.text();\n"
            "    })\n"
            "    .then((text) => {\n"
            "      const link = new URL(window.location.href);\n"
            "      const token = text.replace(/^\"|\"$/g, '');\n"
            "      if (token) link.searchParams.set('deep_link', token);\n"
            f"      {drop_signature}\n"
            "      navigator.clipboard.writeText(link.toString());\n"
            "    })\n"
            "    .catch((error) => console.error('Could not copy the deep link:', error));\n"
            f"  return {json.dumps(self.copied_value)};\n"
            "}"
        )


class DuplicateButton(_LabelButton, DuplicateButtonBase, AfterInit):
    __doc__ = DuplicateButtonBase.__doc__

    def _after_init(self) -> None:
        if self._activate and _in_app():
            self.activate()

    def activate(self) -> None:
        """On Hugging Face Spaces, open the Space's duplication page when clicked."""
        space = os.environ.get("SPACE_ID")
        if space is None:
            return
        url = json.dumps(f"https://huggingface.co/spaces/{space}?duplicate=true")
        self.click(None, js=f"() => {{ window.open({url}, '_blank'); }}")


class LoginButton(_LabelButton, LoginButtonBase):
    __doc__ = LoginButtonBase.__doc__

    def activate(self) -> None:
        """Send the user to sign in (or out, when the label is not ``value``) when clicked.

        Call it inside the ``with Blocks()`` that holds the button; the constructor does not.
        """
        self.click(None, inputs=[self], outputs=None, js=self.redirect_js())

    def redirect_js(self) -> str:
        """JavaScript that signs in while the label is ``value`` and signs out otherwise."""
        return (
            "(label) => {\n"
            f"  const signIn = label === {json.dumps(self.value)};\n"
            "  const target = signIn ? '/login/huggingface' : '/logout';\n"
            "  window.parent?.postMessage({ type: 'SET_SCROLLING', enabled: true }, '*');\n"
            "  setTimeout(() => {\n"
            "    window.location.assign(`${target}?_target_url=/${window.location.search}`);\n"
            "  }, 500);\n"
            "}"
        )


def _fresh(values: list[Any]) -> Any:
    """Copies of the States' first values: the one value, or a list of them."""
    copies = copy.deepcopy(values)
    return copies[0] if len(copies) == 1 else copies
