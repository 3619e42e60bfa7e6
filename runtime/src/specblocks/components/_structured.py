"""Structured displays: JSON, Label, ParamViewer and Navbar."""

from __future__ import annotations

import json
import numbers
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from specblocks._generated.json import JSONBase
from specblocks._generated.label import LabelBase
from specblocks._generated.navbar import NavbarBase
from specblocks._generated.param_viewer import ParamViewerBase
from specblocks.components._coerce import bad_payload, bad_value, describe
from specblocks.components._jsonable import to_jsonable


class JSON(JSONBase):
    __doc__ = JSONBase.__doc__

    def preprocess(self, payload: Any) -> Any:
        """Pass the displayed JSON value (usually a dict or a list) to the function."""
        return payload

    def postprocess(self, value: Any) -> Any:
        """Show a returned value as JSON.

        Args:
            value: A dict or list (NumPy arrays, dates and other objects inside are
                converted), a string of JSON (parsed), or None.

        Returns:
            The value made of plain JSON types, or None.

        Raises:
            ValueError: A string was returned that is not valid JSON.
        """
        if value is None:
            return None
        if isinstance(value, str):
            try:
                return json.loads(value)
            except json.JSONDecodeError as exc:
                raise ValueError(f"JSON: the returned string is not valid JSON: {exc}") from exc
        return to_jsonable(value)

    def process_example(self, value: Any) -> Any:
        """An example value as shown in an examples table."""
        return self.postprocess(value)


class Label(LabelBase):
    __doc__ = LabelBase.__doc__

    def preprocess(self, payload: Any) -> dict[Any, float] | str | int | float | None:
        """Pass the displayed classification to the function.

        Args:
            payload: ``{"label": ..., "confidences": [{"label", "confidence"}, ...]}``.

        Returns:
            A dict mapping each class to its confidence when there are confidences,
            otherwise the label alone; None when empty.

        Raises:
            PayloadError: The payload does not have that shape.
        """
        if payload is None:
            return None
        if not isinstance(payload, Mapping):
            raise bad_payload(self, 'an object like {"label": ..., "confidences": [...]}', payload)
        confidences = payload.get("confidences")
        if confidences is None:
            label = payload.get("label")
            if label is not None and not _is_label(label):
                raise bad_payload(self, "'label' to be a string or a number", label)
            return label
        if not isinstance(confidences, list):
            raise bad_payload(self, "'confidences' to be a list", confidences)
        result: dict[Any, float] = {}
        for item in confidences:
            confidence = item.get("confidence") if isinstance(item, Mapping) else None
            if (
                not isinstance(confidence, int | float)
                or isinstance(confidence, bool)
                or not _is_label(item.get("label"))
            ):
                raise bad_payload(
                    self, 'confidences like {"label": "cat", "confidence": 0.9}', item
                )
            result[item.get("label")] = confidence
        return result

    def postprocess(self, value: Any) -> dict[str, Any]:
        """Show a returned classification.

        Args:
            value: A dict mapping classes to confidences, a label (string or number), the
                path of a .json file holding a payload, or None.

        Returns:
            ``{"label", "confidences"}`` with the classes sorted by confidence and cut to
            ``num_top_classes``; ``{}`` for None or an empty dict.

        Raises:
            TypeError: The value is not one of those, or a confidence is not a number.
        """
        if value is None or (isinstance(value, Mapping) and not value):
            return {}
        if isinstance(value, str) and value.endswith(".json") and Path(value).is_file():
            return self._from_file(Path(value))
        if isinstance(value, str) or (
            not isinstance(value, bool) and isinstance(value, numbers.Real)
        ):
            return {"label": str(value), "confidences": None}
        if isinstance(value, Mapping):
            scores = self._scores(value)
            ranked = sorted(scores.items(), key=lambda item: item[1], reverse=True)
            if self.num_top_classes is not None:
                ranked = ranked[: self.num_top_classes]
            return {
                "label": ranked[0][0],
                "confidences": [{"label": k, "confidence": c} for k, c in ranked],
            }
        raise bad_value(
            self, "a dict of confidences, a string or number label, or a .json path", value
        )

    def _scores(self, value: Mapping[Any, Any]) -> dict[Any, float]:
        confidences = value.get("confidences")
        if isinstance(confidences, list) and set(value) <= {"label", "confidences"}:
            value = {c["label"]: c["confidence"] for c in confidences if isinstance(c, Mapping)}
        elif isinstance(confidences, Mapping):
            value = confidences
        scores: dict[Any, float] = {}
        for key, confidence in value.items():
            if isinstance(confidence, bool) or not isinstance(confidence, numbers.Real):
                raise TypeError(
                    f"Label: the confidence of {key!r} must be a number, got {describe(confidence)}"
                )
            scores[to_jsonable(key)] = float(confidence)
        return scores

    def _from_file(self, path: Path) -> dict[str, Any]:
        try:
            data = json.loads(path.read_text())
        except (OSError, ValueError) as exc:
            raise ValueError(f"Label: cannot read the JSON file {str(path)!r}: {exc}") from exc
        if not isinstance(data, dict) or not set(data) <= {"label", "confidences"}:
            raise ValueError(
                f"Label: the JSON file {str(path)!r} must hold an object with 'label' and "
                "'confidences'"
            )
        return {"label": data.get("label"), "confidences": data.get("confidences")}


class ParamViewer(ParamViewerBase):
    __doc__ = ParamViewerBase.__doc__

    def preprocess(self, payload: Any) -> dict[str, dict[str, Any]] | None:
        """Pass the parameter documentation to the function as a dict of dicts.

        Raises:
            PayloadError: The payload is not a mapping of names to parameter dicts.
        """
        if payload is None:
            return None
        if not isinstance(payload, Mapping) or not all(
            isinstance(k, str) and isinstance(v, Mapping) for k, v in payload.items()
        ):
            raise bad_payload(self, "an object mapping parameter names to objects", payload)
        return {name: dict(info) for name, info in payload.items()}

    def postprocess(self, value: Any) -> dict[str, dict[str, Any]] | None:
        """Show returned parameter documentation.

        Args:
            value: A mapping from parameter names to dicts (or ``ParameterInfo`` models)
                with "type", "description" and "default", or None.

        Returns:
            The mapping as plain dicts, or None.

        Raises:
            TypeError: The value is not such a mapping.
        """
        if value is None:
            return None
        if not isinstance(value, Mapping):
            raise bad_value(self, "a mapping of parameter names to their documentation", value)
        result: dict[str, dict[str, Any]] = {}
        for name, entry in value.items():
            info = entry.model_dump() if isinstance(entry, BaseModel) else entry
            if not isinstance(info, Mapping):
                raise TypeError(
                    f"ParamViewer: the documentation of {name!r} must be a dict with 'type', "
                    f"'description' and 'default', got {describe(info)}"
                )
            result[str(name)] = to_jsonable(info)
        return result


class Navbar(NavbarBase):
    __doc__ = NavbarBase.__doc__

    def preprocess(self, payload: Any) -> list[tuple[str, str]] | None:
        """Pass the extra links to the function as (page name, page path) pairs.

        Raises:
            PayloadError: The payload is not a list of [name, path] pairs of strings.
        """
        if payload is None:
            return None
        pairs = _pairs(payload)
        if pairs is None:
            raise bad_payload(self, "a list of [page name, page path] pairs", payload)
        return pairs

    def postprocess(self, value: Any) -> list[list[str]] | None:
        """Replace the extra links with returned (page name, page path) pairs.

        Raises:
            TypeError: The value is not a list of pairs of strings.
        """
        if value is None:
            return None
        pairs = _pairs(value)
        if pairs is None:
            raise bad_value(self, "a list of (page name, page path) pairs", value)
        return [list(pair) for pair in pairs]


def _pairs(value: Any) -> list[tuple[str, str]] | None:
    """``value`` as a list of string pairs, or None when it is not one."""
    if not isinstance(value, Sequence) or isinstance(value, str):
        return None
    pairs: list[tuple[str, str]] = []
    for item in value:
        if not (
            isinstance(item, Sequence)
            and not isinstance(item, str)
            and len(item) == 2
            and all(isinstance(part, str) for part in item)
        ):
            return None
        pairs.append((item[0], item[1]))
    return pairs


def _is_label(value: Any) -> bool:
    """Whether ``value`` can be a class label: a string or a number (not a bool)."""
    return isinstance(value, str) or (
        isinstance(value, numbers.Real) and not isinstance(value, bool)
    )
