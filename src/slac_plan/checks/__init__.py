"""Everything that judges a plan: validation, cross-references, the SMART rules and score.

Builds on `core` and `files`.
"""
