"""Documents made from prepared data (reportlab PDFs, spreadsheets); never reads storage."""
