"""The domain: the plan's model, dates and periods, positions and problems, what is due.

Imports nothing else from slac; every other part builds on it.
"""
