"""After the rounds: keeping in touch when both want to, feedback on each meeting, the organiser's report."""
