"""Privacy: public cards for badges, new secret links, deleting people's data, and retention."""
