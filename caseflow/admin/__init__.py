from caseflow.admin import (  # noqa: F401
    calendars,
    matters,
    rules,
)
