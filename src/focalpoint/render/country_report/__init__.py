"""The country report as a PDF: cover, contents, summary with charts, the plan with every
responsible entity, practices, the map of services, and the changes recorded."""
