"""The Dialogue component."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from typing import Any

from specblocks._generated.dialogue import DialogueBase
from specblocks.components._after_init import AfterInit
from specblocks.components._coerce import bad_payload, describe

Line = dict[str, str]
_UNKNOWN_SPEAKER = "Unknown"


class Dialogue(DialogueBase, AfterInit):
    __doc__ = DialogueBase.__doc__

    def _after_init(self) -> None:
        if self.separator in ("", " "):
            raise ValueError("Dialogue: `separator` cannot be empty or a single space")

    # -- formatting ---------------------------------------------------------------------
    @staticmethod
    def default_formatter(speaker: str, text: str) -> str:
        """Format one line as ``[speaker] text``."""
        return f"[{speaker}] {text}"

    @staticmethod
    def default_unformatter(line: str, default_speaker: str) -> Line:
        """Parse a ``[speaker] text`` line; a line without brackets goes to the default."""
        line = line.strip()
        if not line:
            return {"speaker": "", "text": ""}
        if line.startswith("[") and "]" in line:
            end = line.index("]")
            return {"speaker": line[1:end], "text": line[end + 1 :].strip()}
        return {"speaker": default_speaker, "text": line}

    def format(self, value: list[Line] | str) -> str:
        """The dialogue as one string: each line formatted, joined by ``separator``.

        A dialogue that is plain text is returned as is; an empty dialogue gives "".
        """
        if isinstance(value, str):
            return value
        if len(value) == 1 and value[0]["text"] == "":
            return ""
        formatter: Callable[[str, str], str] = self.formatter or self.default_formatter
        return self.separator.join(formatter(line["speaker"], line["text"]) for line in value)

    def unformat(self, payload: Mapping[str, Any]) -> list[Line]:
        """Split formatted text (``payload["text"]``) back into speaker lines."""
        text = payload.get("text") or ""
        unformatter: Callable[[str, str], Line] = self.unformatter or self.default_unformatter
        default_speaker = self.speakers[0] if self.speakers else _UNKNOWN_SPEAKER
        lines: list[Line] = []
        for chunk in text.split(self.separator):
            if not chunk.strip():
                continue
            parsed = unformatter(chunk.strip(), default_speaker)
            if parsed["speaker"] or parsed["text"]:
                lines.append(parsed)
        return lines

    # -- the data contract --------------------------------------------------------------
    def _lines_payload(self, payload: Any) -> list[Line] | str:
        if isinstance(payload, str):
            return payload
        if not isinstance(payload, list):
            raise bad_payload(self, "a list of speaker lines or a string", payload)
        lines: list[Line] = []
        for item in payload:
            if not (
                isinstance(item, Mapping)
                and isinstance(item.get("speaker"), str)
                and isinstance(item.get("text"), str)
            ):
                raise bad_payload(self, 'lines like {"speaker": str, "text": str}', item)
            lines.append({"speaker": item["speaker"], "text": item["text"]})
        return lines

    def preprocess(self, payload: Any) -> str | list[Line]:
        """Pass the dialogue to the function in the form ``type`` asks for.

        Args:
            payload: A list of ``{"speaker", "text"}`` objects, or plain text.

        Returns:
            With ``type="list"``, the list of line dicts (or the text when the user typed
            plain text); with ``type="text"``, the formatted dialogue as one string ("" when
            empty).

        Raises:
            PayloadError: The payload is neither a list of lines nor a string.
        """
        if payload is None:
            payload = []
        lines = self._lines_payload(payload)
        if self.type == "list":
            return lines
        return self.format(lines)

    def postprocess(self, value: Any) -> list[Line] | str | None:
        """Show a returned dialogue.

        Args:
            value: A list of dicts with "speaker" and "text", a plain string, or None.

        Returns:
            The lines as ``{"speaker", "text"}`` objects, the string, or None.

        Raises:
            TypeError: The value is not a list of such dicts or a string.
        """
        if value is None or isinstance(value, str):
            return value
        if not isinstance(value, Sequence):
            raise TypeError(
                f"Dialogue expects a list of speaker lines or a string, got {describe(value)}"
            )
        lines: list[Line] = []
        for line in value:
            if not (
                isinstance(line, Mapping)
                and isinstance(line.get("speaker"), str)
                and isinstance(line.get("text"), str)
            ):
                raise TypeError(
                    "Dialogue expects lines as dicts with string 'speaker' and 'text', got "
                    f"{describe(line)}"
                )
            lines.append({"speaker": line["speaker"], "text": line["text"]})
        return lines

    def process_example(self, value: Any) -> str | list[Line]:
        """An example shown in an examples table, in the form the function receives."""
        return self.preprocess(self.postprocess(value))
