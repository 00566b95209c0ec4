"""The one error type of the deadline engine.

It lives in its own module so that every part of the engine (counting, pauses, hours) can raise it
without importing :mod:`caseflow.deadlines.engine`, which imports them.
"""

from __future__ import annotations


class DeadlineError(ValueError):
    """Input the engine cannot compute a deadline from. The message is one line a user can act on."""
