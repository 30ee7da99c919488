"""Printing: official tables from templates in `printing/`, and the documents the program composes, as PDF."""
