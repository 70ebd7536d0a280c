"""Helpers of the southern-Jiangxi industrial-upgrading report.

Load the validated fact base, parse Chinese quantities, compute growth, draw charts in the
report's theme::

    from lib.data.factbase import load_factbase
    from lib.text.quantities import parse_quantity

    fb = load_factbase()
    parse_quantity("突破50亿元").value_base   # 5e9
"""

__version__ = "0.1.0"
