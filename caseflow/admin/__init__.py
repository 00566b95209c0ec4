from caseflow.admin import calendars  # noqa: F401
