"""The tabs of the practice dialog, one module each, named as the user sees them."""
