"""The services tab: organisations, their services, the map."""
