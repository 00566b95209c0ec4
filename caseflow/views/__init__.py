"""The lawyer screens: the deadline board, matters, the matter page and its actions. Views are thin:
they read through :mod:`caseflow.selectors`, validate with :mod:`caseflow.forms` and write through the
services."""
