"""The edit commands and `slac fmt`: surgical, validated, byte-preserving changes to plan files.

Builds on `core`, `files` and `checks`; never on `reports` or `output`.
"""
