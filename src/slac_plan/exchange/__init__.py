"""Exchanging updates with leads who never open YAML: request workbooks out, returns back in."""
