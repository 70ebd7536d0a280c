"""One module per chapter template (``chapters/<name>.md`` ↔ ``lib.chapters.<name>``): the
tables, charts and sentences of that chapter. Nothing else imports these modules."""
