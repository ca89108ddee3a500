"""What both sides' use cases share: writing files whole, bundled data, checking packages."""
