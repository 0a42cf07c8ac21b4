"""The administrator's area: users and roles, the unit profile."""
