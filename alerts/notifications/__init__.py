"""Notifications: composing outbox rows in the recipient's language, delivering them, the daily digest.

* :mod:`~alerts.notifications.compose` — the ``notify_*`` functions the scan and the services call.
* :mod:`~alerts.notifications.delivery` — ``deliver_due``: claim, send, record; ``retry_failed``.
* :mod:`~alerts.notifications.digest` — ``send_daily_digests``.
* :mod:`~alerts.notifications.channels` — e-mail and the WeCom, DingTalk and Feishu group bots.
"""
