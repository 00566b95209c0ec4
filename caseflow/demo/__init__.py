"""The demo office (``manage.py seed_demo``): teams, lawyers, courts and about two hundred matters whose
history is simulated day by day through the real services, so every screen and report has realistic data.

* :mod:`~caseflow.demo.names` — the people, clients and disputes the demo draws from;
* :mod:`~caseflow.demo.office` — teams, accounts and courts;
* :mod:`~caseflow.demo.simulation` — the office's clock: actions in time order, a warning scan every day;
* :mod:`~caseflow.demo.script` — what one matter's story can do (record, complete, pause, …);
* :mod:`~caseflow.demo.stories` — one story per matter type;
* :mod:`~caseflow.demo.build` — who gets which matter, the run, the summary and ``--reset``.
"""
