"""Every command's result in every format: one registry per kind of result, and the terminal.

Builds on everything below it (`core`, `files`, `checks`, `reports`); never on `editing`.
"""
