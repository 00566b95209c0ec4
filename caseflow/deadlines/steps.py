"""Explanation steps as data: a stable code plus string parameters.

A computation is stored (``DueComputation.steps``) as a list of ``{"code": …, "params": {…}}`` so that the
same working notes can be re-rendered later in English or Chinese, after a translation is improved, without
recomputing anything. Parameters are strings only (ISO dates, numbers, names in both languages) so the JSON
round trip is exact.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass

from caseflow.deadlines.explain import STEP_CODES, render


def iso(value: dt.date) -> str:
    """``YYYY-MM-DD`` for a date, ``YYYY-MM-DDTHH:MM`` for a date-time (hour periods)."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value.isoformat()


@dataclass(frozen=True)
class Step:
    """One line of the working notes; ``code`` chooses the sentence, ``params`` fill it in."""

    code: str
    params: Mapping[str, str]

    def __post_init__(self) -> None:
        if self.code not in STEP_CODES:
            raise ValueError(f"unknown explanation step {self.code!r}")
        for key, value in self.params.items():
            if not isinstance(key, str) or not isinstance(value, str):
                raise ValueError(f"step {self.code!r}: parameter {key!r} must be a string (found {value!r})")

    def text(self, lang: str = "en") -> str:
        """The step as a sentence in ``lang`` ("en", or anything starting with "zh" for Chinese)."""
        return render(self.code, self.params, lang)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params)}

    @classmethod
    def from_dict(cls, data: Mapping[str, object]) -> Step:
        """Rebuild a stored step; refuses anything :meth:`to_dict` could not have written."""
        if not isinstance(data, Mapping) or set(data) != {"code", "params"}:
            raise ValueError(f"a step is a mapping with 'code' and 'params' (found {data!r})")
        code, params = data["code"], data["params"]
        if not isinstance(code, str) or not isinstance(params, Mapping):
            raise ValueError(f"a step needs a string code and a mapping of params (found {data!r})")
        return cls(code, dict(params))
