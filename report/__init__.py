"""The build of the book (the ``report`` command): run plan, cached parallel execution of the
chapter templates, the HTML and PDF books. It imports no analysis code from ``lib``."""
