"""Dates as the secretariat types them, from an account or a calendar: "26/09/2024",
"26 September 2024", "26 Sep 2024", "September 26, 2024" (ISO, "2024-09-26", Django always
accepts). Django's British formats take only the first two; the admin's calendar writes the
first. Read through settings.FORMAT_MODULE_PATH."""

DATE_INPUT_FORMATS = [
    "%d/%m/%Y",  # 26/09/2024
    "%d/%m/%y",  # 26/09/24
    "%d %B %Y",  # 26 September 2024
    "%d %b %Y",  # 26 Sep 2024
    "%d %B, %Y",  # 26 September, 2024
    "%B %d, %Y",  # September 26, 2024
    "%B %d %Y",  # September 26 2024
    "%b %d, %Y",  # Sep 26, 2024
]
