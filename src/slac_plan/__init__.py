"""slac: keep an inspection action plan as code.

The library is the product: every command of the `slac` CLI is a call into a plain function
here (`validate.validate_paths`, `queries.overdue`, `dates.parse_due`, ...).
"""
