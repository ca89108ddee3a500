"""The practices tab: the list of case-protection practices and the practice dialog."""
