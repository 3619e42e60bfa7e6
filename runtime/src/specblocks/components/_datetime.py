"""The DateTime component."""

from __future__ import annotations

import datetime as dt
import numbers
import re
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from specblocks._generated.date_time import DateTimeBase
from specblocks.components._coerce import bad_payload, bad_value
from specblocks.core._exceptions import PayloadError

_DATE_FORMAT = "%Y-%m-%d"
_DATE_TIME_FORMAT = "%Y-%m-%d %H:%M:%S"
# "now", optionally minus an amount of days, hours, minutes or seconds: "now - 2h".
_RELATIVE = re.compile(r"\s*now\s*(?:-\s*(\d+)\s*([dhms]))?\s*")
_UNITS = {"d": "days", "h": "hours", "m": "minutes", "s": "seconds"}


class DateTime(DateTimeBase):
    __doc__ = DateTimeBase.__doc__

    @property
    def time_format(self) -> str:
        """The ``strftime`` format of the wire string: with the time when ``include_time``."""
        return _DATE_TIME_FORMAT if self.include_time else _DATE_FORMAT

    def _zone(self) -> ZoneInfo | None:
        if self.timezone is None:
            return None
        try:
            return ZoneInfo(self.timezone)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            raise ValueError(f"DateTime: unknown timezone {self.timezone!r}") from exc

    def _parse(self, text: str) -> dt.datetime:
        if "now" in text:
            match = _RELATIVE.fullmatch(text)
            if match is None:
                raise bad_payload(self, 'a relative time such as "now" or "now - 2h"', text)
            amount, unit = match.groups()
            delta = dt.timedelta(**{_UNITS[unit or "s"]: int(amount or 0)})
            return dt.datetime.now() - delta
        try:
            parsed = dt.datetime.strptime(text, self.time_format)
        except ValueError as exc:
            raise PayloadError(
                f"DateTime: {text!r} does not match the format {self.time_format!r}"
            ) from exc
        zone = self._zone()
        return parsed if zone is None else parsed.replace(tzinfo=zone)

    def preprocess(self, payload: Any) -> float | dt.datetime | str | None:
        """Pass the entered date to the function in the form ``type`` asks for.

        Args:
            payload: The date as a string in the component's format, or a relative time
                such as "now - 2h".

        Returns:
            A Unix timestamp ("timestamp"), a datetime ("datetime", aware when ``timezone``
            is set) or a formatted string ("string"; a string that is not a relative time is
            passed as sent). None for an empty field.

        Raises:
            PayloadError: The payload is not a string or does not match the format.
        """
        if payload is None:
            return None
        if not isinstance(payload, str):
            raise bad_payload(self, "a date string", payload)
        if not payload.strip():
            return None
        if self.type == "string" and "now" not in payload:
            return payload
        moment = self._parse(payload)
        if self.type == "string":
            return moment.strftime(self.time_format)
        if self.type == "datetime":
            return moment
        return moment.timestamp()

    def postprocess(self, value: Any) -> str | None:
        """Show a returned date.

        Args:
            value: A datetime or date (formatted as is), a Unix timestamp (shown in
                ``timezone``, or the server's local time), a string (shown as is), or None.

        Returns:
            The date as a string, or None to empty the field.

        Raises:
            TypeError: The value is not a date, a timestamp or a string.
        """
        if value is None:
            return None
        if isinstance(value, str):
            return value
        if isinstance(value, dt.date):
            return value.strftime(self.time_format)
        if not isinstance(value, bool) and isinstance(value, numbers.Real):
            return dt.datetime.fromtimestamp(float(value), tz=self._zone()).strftime(
                self.time_format
            )
        raise bad_value(self, "a datetime, a Unix timestamp or a string", value)

    def api_type(self) -> dict[str, Any]:
        """A string schema describing the wire format, with or without the time."""
        suffix = " HH:MM:SS" if self.include_time else ""
        return {"type": "string", "description": f"Formatted as YYYY-MM-DD{suffix}"}
