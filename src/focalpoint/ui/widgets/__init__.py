"""Widgets both sides use: lists, filters, check lists, the map, the PDF preview."""
