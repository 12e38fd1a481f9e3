"""Live rounds: planning (solver in the background), publishing, the round clock and re-plans."""
