"""src/my_widgets/rating.py: the hand-written half of the component (the generation gap).

The generated `RatingBase` holds the constructor, its typed signature and docstring, the
listener methods (`change`, `select`) and the data contract; the subclass adds behaviour.
"""

from typing import Any

from my_widgets._generated.rating import RatingBase


class Rating(RatingBase):
    """A row of stars the user clicks to rate something."""

    def _clamp(self, stars: Any) -> int:
        return max(0, min(int(stars), self.maximum))

    def preprocess(self, payload: Any) -> int:
        """The number of stars the browser sent, within bounds."""
        return self._clamp(payload)

    def postprocess(self, value: Any) -> int:
        """The number of stars to show; None clears the rating."""
        return 0 if value is None else self._clamp(value)
