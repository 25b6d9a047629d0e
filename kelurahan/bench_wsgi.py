"""WSGI application for the HTTP benchmark only (`manage.py bench_http`): the production
settings, plus the bare one-query page of `bench_urls`. Never deploy this module."""

import os

from django.conf import settings
from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")
application = get_wsgi_application()
# Read on every request by Django's handler, so setting it after setup is enough.
settings.ROOT_URLCONF = "kelurahan.bench_urls"
