"""Help shared by the country's and the Secretariat's windows: the user guide, opened whole from
Help → User guide (F1) or at one section from a dialog's "?" button."""
