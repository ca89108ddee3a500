"""Widgets both sides use: labels, passphrase fields, lists and filters, check lists, the map,
the PDF preview."""
