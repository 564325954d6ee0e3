#!/usr/bin/env python
import os
import sys


def main():
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "rtcportal.settings")
    from django.conf import settings
    from django.core.exceptions import ImproperlyConfigured
    from django.core.management import execute_from_command_line

    try:
        settings.INSTALLED_APPS  # noqa: B018 -- reading a setting loads the module
    except ImproperlyConfigured as error:
        # Django would carry on without settings and fail later with an unrelated
        # "Models aren't loaded yet"; say what is actually missing instead.
        sys.exit(f"manage.py: {error}")

    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
