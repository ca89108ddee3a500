"""The country's window and its screens, one folder per part the user sees."""
