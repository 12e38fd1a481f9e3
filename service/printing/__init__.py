"""Printed material: badge sheets for label stock, and table cards."""
