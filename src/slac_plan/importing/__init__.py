"""`slac import`: read a council's existing action plan (a Word table, an Excel tracker, a CSV
file) into slac's YAML files, reporting what it made of it before anything is written.

tables reads each document into plain grids of cells, columns names what each column holds,
build groups the rows into recommendations and actions, render writes them as plan files, and
importer plans, checks and writes the import.
"""
