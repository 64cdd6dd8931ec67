"""Settings: teams, staff, roles and thresholds, the services directory, and where the
database lives. Every change is saved through the services."""
