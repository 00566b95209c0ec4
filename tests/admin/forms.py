"""Turn an admin change page into the POST data a browser would send back, so a test changes only the
fields it cares about."""

from __future__ import annotations

import datetime as dt


def form_data(response) -> dict:
    data: dict = {}

    def add(form) -> None:
        for field in form:
            value = field.value()
            if value is None:
                continue
            if isinstance(value, bool):
                if value:
                    data[field.html_name] = "on"
            elif isinstance(value, list | tuple):
                data[field.html_name] = [str(v) for v in value]
            elif isinstance(value, dt.date):
                data[field.html_name] = value.isoformat()
            else:
                data[field.html_name] = value

    add(response.context["adminform"].form)
    for inline in response.context["inline_admin_formsets"]:
        add(inline.formset.management_form)
        for form in inline.formset.forms:
            add(form)
    return data
