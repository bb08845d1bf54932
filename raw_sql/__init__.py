"""SQL written once per process (reads.py), planned once per PostgreSQL session (prepared.py),
its rows read back as the ORM's own instances."""
