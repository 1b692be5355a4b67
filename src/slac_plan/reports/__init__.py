"""The monthly, quarterly, board and lead reports: what they hold, and their rendering through
Jinja templates to Markdown, HTML and Word.

Builds on `core`, `files` and `checks`.
"""
