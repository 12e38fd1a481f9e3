"""People and organisers have a say: attendees' private marks on people they might meet, and
the organiser's rules (same organisation, roles), all passed to the planner."""
