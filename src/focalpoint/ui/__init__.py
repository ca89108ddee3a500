"""The Qt face of FocalPoint: windows, dialogs and item models over the services."""
