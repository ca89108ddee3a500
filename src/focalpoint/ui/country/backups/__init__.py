"""Settings → Backups… and File → Move to another computer… (and taking such a file in)."""
