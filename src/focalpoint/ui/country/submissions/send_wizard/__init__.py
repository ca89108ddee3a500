"""File → Send to the Secretariat: the wizard (``wizard.py``) and its four pages, a module each."""
