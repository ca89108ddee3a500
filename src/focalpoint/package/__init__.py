"""Files that travel between a country and the Secretariat: build, sign, read, verify."""
