"""Backup and restore of the database and the uploaded files (`manage.py backup` / `restore`).

archive.py writes and verifies archives, databases.py snapshots and restores SQLite and
PostgreSQL, restore.py restores an archive, retention.py prunes old archives and panel.py shows
the last backup on the admin's dashboard.
"""
