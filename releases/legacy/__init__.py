"""Importing pages of the old website: parser.py reads a page, importer.py writes it."""
