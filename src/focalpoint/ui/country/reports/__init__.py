"""The country report: choose, preview, print, save."""
