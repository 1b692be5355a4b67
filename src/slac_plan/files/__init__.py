"""The plan on disk: finding its files, reading hostile YAML with positions, splicing text,
writing safely, and the JSON Schemas and templates shipped beside the code.

Builds on `core` only.
"""
