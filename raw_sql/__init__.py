"""SQL written once per process, its rows read back as the ORM's own instances (reads.py)."""
