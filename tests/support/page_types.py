"""One address per kind of public page, on the 19th meeting's records: what the HTML,
accessibility and small-screen checks walk through."""

PAGE_TYPES = {
    "home": "/",
    "meetings list": "/meetings/",
    "meeting detail": "/meetings/19th-rtc-heads-meeting/",
    "RTC list": "/rtcs/",
    "RTC detail": "/rtcs/hong-kong-china-rtc/",
    "initiatives list": "/initiatives/",
    "initiatives list filtered": (
        "/initiatives/?rtc=fiji-rtc&rtc=china-rtc&category=university-partnership"
    ),
    "initiatives list with no result": "/initiatives/?rtc=japan-rtc&category=vr-simulation",
    "initiatives list with a bad filter": "/initiatives/?rtc=nowhere-rtc",
    "initiative detail": "/initiatives/hong-kong-china-rtc-vr-enforcement-simulation/",
    "administrations list": "/administrations/",
    "administration detail": "/administrations/hong-kong-china/",
    "body without an RTC": "/administrations/wco/",
    "sources list": "/sources/",
    "source detail": "/sources/asiapacific-customs-adopts-remote-training-for-capacity-building/",
    "RTC detail with its accreditation": "/rtcs/korea-rtc/",
    "disagreements": "/sources/disagreements/",
    "not found": "/meetings/no-such-meeting/",
    "bad request": "/initiatives/?page=abc",
}
