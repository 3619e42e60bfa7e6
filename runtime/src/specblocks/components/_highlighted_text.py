"""The HighlightedText component."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from specblocks._generated.highlighted_text import HighlightedTextBase
from specblocks.components._coerce import bad_payload, describe

Category = str | float | None
Span = tuple[str, Category]


class HighlightedText(HighlightedTextBase):
    __doc__ = HighlightedTextBase.__doc__

    def preprocess(self, payload: Any) -> list[dict[str, Any]] | None:
        """Pass the spans to the function.

        Args:
            payload: A list of ``{"token", "class_or_confidence"}`` objects.

        Returns:
            The spans as a list of dicts with "token" (the text) and "class_or_confidence"
            (its category, its score, or None), or None when empty.

        Raises:
            PayloadError: The payload is not a list of span objects.
        """
        if payload is None:
            return None
        if not isinstance(payload, list):
            raise bad_payload(self, "a list of spans", payload)
        spans: list[dict[str, Any]] = []
        for item in payload:
            token = item.get("token") if isinstance(item, Mapping) else None
            category = item.get("class_or_confidence") if isinstance(item, Mapping) else None
            if not isinstance(token, str) or not _is_category(category):
                raise bad_payload(
                    self, 'spans like {"token": str, "class_or_confidence": str | number}', item
                )
            spans.append({"token": token, "class_or_confidence": _category(category)})
        return spans

    def postprocess(self, value: Any) -> list[dict[str, Any]] | None:
        """Show returned spans.

        Args:
            value: A list of (text, category) pairs (or of span dicts as the function
                receives them), or a dict with "text" and "entities", each entity having
                "start" and "end" offsets and an "entity" or "entity_group" category; None
                clears the display.

        Returns:
            The spans as ``{"token", "class_or_confidence"}`` objects, adjacent spans of one
            category merged when ``combine_adjacent`` is set, or None.

        Raises:
            ValueError: The dict lacks "text" or "entities", or an entity is malformed.
            TypeError: The value is neither a list of pairs nor such a dict.
        """
        if value is None:
            return None
        if isinstance(value, Mapping):
            spans = self._spans_from_entities(value)
        elif isinstance(value, Sequence) and not isinstance(value, str):
            spans = [self._span(item) for item in value]
        else:
            raise TypeError(
                "HighlightedText expects a list of (text, category) pairs or a dict with "
                f"'text' and 'entities', got {describe(value)}"
            )
        if self.combine_adjacent:
            spans = self._combined(spans)
        return [
            {"token": self._token(token), "class_or_confidence": category}
            for token, category in spans
        ]

    def _span(self, item: Any) -> Span:
        if isinstance(item, Mapping) and "token" in item:
            token, category = item["token"], item.get("class_or_confidence")
        elif isinstance(item, Sequence) and not isinstance(item, str) and len(item) == 2:
            token, category = item
        else:
            raise TypeError(f"HighlightedText expects (text, category) pairs, got {describe(item)}")
        if not isinstance(token, str) or not _is_category(category):
            raise TypeError(
                "HighlightedText expects pairs of a string and a category (a string, a number "
                f"or None), got {describe(item)}"
            )
        return token, _category(category)

    def _spans_from_entities(self, value: Mapping[str, Any]) -> list[Span]:
        try:
            text, entities = value["text"], value["entities"]
        except KeyError as exc:
            raise ValueError(
                "HighlightedText expects a dict with the keys 'text' and 'entities'"
            ) from exc
        if not isinstance(text, str):
            raise TypeError(f"HighlightedText: 'text' must be a string, got {describe(text)}")
        if not entities:
            return [(text, None)]
        try:
            ordered = sorted(entities, key=lambda entity: entity["start"])
            spans: list[Span] = []
            position = 0
            for entity in ordered:
                start, end = entity["start"], entity["end"]
                category = entity.get("entity") or entity.get("entity_group")
                spans.append((text[position:start], None))
                spans.append((text[start:end], _category(category)))
                position = end
        except (KeyError, TypeError, AttributeError) as exc:
            raise ValueError(
                "HighlightedText: each entity must be a dict with 'start' and 'end' offsets "
                "and an 'entity' or 'entity_group' category"
            ) from exc
        spans.append((text[position:], None))
        return spans

    def _combined(self, spans: list[Span]) -> list[Span]:
        merged: list[Span] = []
        for token, category in spans:
            if not token:
                continue
            if merged and merged[-1][1] == category:
                previous = merged[-1][0]
                merged[-1] = (previous + self.adjacent_separator + token, category)
            else:
                merged.append((token, category))
        return merged

    def _token(self, token: str) -> str:
        return token if self.show_whitespaces else token.strip()


def _is_category(category: Any) -> bool:
    return category is None or isinstance(category, str | int | float)


def _category(category: Any) -> Category:
    """A category as sent on the wire: numbers (scores) become floats."""
    if category is None or isinstance(category, str):
        return category
    return float(category)
