"""The 19th RTC Heads Meeting, as told by ../shared/seed/19th-rtc-heads-meeting.txt, as data."""

import datetime

MEETING = {
    "number": 19,
    "title": "19th RTC Heads Meeting",
    "slug": "19th-rtc-heads-meeting",
    "theme": "Challenges and practices of distance learning under the pandemic",
    "start_date": datetime.date(2021, 10, 27),
    "end_date": datetime.date(2021, 10, 28),
    "format": "virtual",
    "summary": (
        "The 19th WCO Asia/Pacific Regional Training Centre Heads Meeting was held online, "
        "focusing on the challenges and practices of distance learning under the pandemic. "
        "Participants shared experiences, discussed innovative models and emphasised "
        "collaborative construction, aiming to enhance regional customs capacity building and "
        "respond to the new international trade environment."
    ),
    "report": (
        "As the COVID-19 pandemic disrupted traditional training models worldwide, customs "
        "administrations across the Asia/Pacific region faced a critical challenge: how to "
        "enhance officers' professional skills while overcoming geographical constraints. "
        "RTC leaders from across the region joined WCO representatives, ROCB A/P officials and "
        "observers in intensive discussions about remote training challenges and practices.\n\n"
        "Participants explored how enhanced specialisation and human resource networks could "
        "advance customs modernisation across the region. RTC heads shared experiences, best "
        "practices and obstacles in implementing effective remote training programmes.\n\n"
        "Participants unanimously affirmed the necessity of enhanced cooperation among RTCs, "
        "WCO and ROCB A/P. The meeting established clear directions for pandemic-era customs "
        "capacity building, with remote training positioned as a cornerstone of regional "
        "development strategies. As remote training becomes institutionalised, collaborative "
        "efforts to refine digital learning systems will contribute to trade facilitation and "
        "economic growth across the region."
    ),
}

# (name, slug, kind, full name)
BODIES = [
    ("China", "china", "customs", ""),
    ("Fiji", "fiji", "customs", ""),
    ("Hong Kong (China)", "hong-kong-china", "customs", ""),
    ("India", "india", "customs", ""),
    ("Indonesia", "indonesia", "customs", ""),
    ("Japan", "japan", "customs", ""),
    ("Korea", "korea", "customs", ""),
    ("Malaysia", "malaysia", "customs", ""),
    ("Iran", "iran", "customs", "Iran Customs"),
    ("Thailand", "thailand", "customs", "Thailand Customs"),
    ("WCO", "wco", "international", "World Customs Organization"),
    (
        "ROCB A/P",
        "rocb-ap",
        "regional",
        "WCO Asia/Pacific Regional Office for Capacity Building",
    ),
    ("RILO AP", "rilo-ap", "regional", "Regional Intelligence Liaison Office for Asia-Pacific"),
]

# (person's name, part, body slug, order): who ran the meeting, as the seed tells it
ROLES = [("Norikazu Kuramoto", "opening", "rocb-ap", 1)]

# body slug -> (role, note)
PARTICIPATIONS = {
    "rocb-ap": ("organiser", "Organised the meeting"),
    "wco": ("represented", "WCO representatives"),
    "china": ("participant", "RTC head"),
    "fiji": ("participant", "RTC head"),
    "hong-kong-china": ("participant", "RTC head"),
    "india": ("participant", "RTC head"),
    "indonesia": ("participant", "RTC head"),
    "japan": ("participant", "RTC head"),
    "korea": ("participant", "RTC head"),
    "malaysia": ("participant", "RTC head"),
    "iran": ("observer", "Iran Customs"),
    "thailand": ("observer", "Thailand Customs"),
    "rilo-ap": ("observer", ""),
}

PEOPLE = [
    {
        "honorific": "Mr.",
        "name": "Norikazu Kuramoto",
        "position": "Head of ROCB A/P",
        "body": "rocb-ap",
    },
    {
        "honorific": "Dr.",
        "name": "Kang Taeil",
        "position": "WCO Director of Capacity Building",
        "body": "wco",
    },
]

# (name, slug, kind, body slug, description)
PROGRAMMES = [
    (
        "BACUDA",
        "bacuda",
        "project",
        "wco",
        "The WCO's project on data analytics for customs, which is developing a data analysis "
        "framework.",
    ),
    (
        "CLiKC!",
        "clikc",
        "platform",
        "wco",
        "The WCO's e-learning platform, where new e-learning courses were announced.",
    ),
    (
        "Environmental Scan 2021-2024",
        "environmental-scan-2021-2024",
        "document",
        "wco",
        "The WCO's scan of the customs environment, whose key elements inform the 2022-2025 "
        "Strategic Plan.",
    ),
    (
        "Strategic Plan 2022-2025",
        "strategic-plan-2022-2025",
        "document",
        "wco",
        "The WCO's strategic plan for 2022-2025, informed by the 2021-2024 Environmental Scan.",
    ),
    (
        "Scholarship programme in Korea",
        "scholarship-programme-in-korea",
        "programme",
        "wco",
        "A five-month scholarship programme in Korea.",
    ),
]

# speaker name or None, body slug, topic, summary, programme slugs
INTERVENTIONS = [
    (
        "Norikazu Kuramoto",
        "rocb-ap",
        "Opening remarks",
        "Acknowledged RTCs' sustained contributions to regional capacity building during the "
        "pandemic, emphasised RTCs' pivotal role in implementing the WCO's regional capacity "
        "building strategy, and commended the Asia/Pacific region's significant contributions to "
        "the organisation.",
        [],
    ),
    (
        None,
        "wco",
        "Pandemic response measures",
        "Outlined the WCO's pandemic response measures and highlighted the importance of "
        "inter-organisational cooperation.",
        [],
    ),
    (
        None,
        "wco",
        "2021-2024 Environmental Scan and 2022-2025 Strategic Plan",
        "Presented key elements of the 2021-2024 Environmental Scan, which will inform the "
        "2022-2025 Strategic Plan.",
        ["environmental-scan-2021-2024", "strategic-plan-2022-2025"],
    ),
    (
        None,
        "wco",
        "Hybrid meeting formats",
        "Introduced new hybrid meeting formats.",
        [],
    ),
    (
        "Kang Taeil",
        "wco",
        "BACUDA project and data analysis framework",
        "Updated attendees on the BACUDA project, including a data analysis framework, and "
        "stressed that customs officers must master fundamental data analysis skills to navigate "
        "evolving international trade environments.",
        ["bacuda"],
    ),
    (
        "Kang Taeil",
        "wco",
        "VR training developments",
        "Updated attendees on developments in VR training.",
        [],
    ),
    (
        "Kang Taeil",
        "wco",
        "New e-learning courses on CLiKC!",
        "Announced new e-learning courses on the CLiKC! platform.",
        ["clikc"],
    ),
    (
        "Kang Taeil",
        "wco",
        "Five-month scholarship programme in Korea",
        "Presented a five-month scholarship programme in Korea.",
        ["scholarship-programme-in-korea"],
    ),
]

# kind, text, body slug or None
DISCUSSION_POINTS = [
    ("challenge", "Uneven internet infrastructure", None),
    ("challenge", "Varying technological proficiency among trainees", None),
    ("challenge", "Reduced interpersonal interaction", None),
    ("advantage", "Breaking geographical barriers", None),
    ("advantage", "Increasing participation rates", None),
    ("advantage", "Significantly reducing training costs", None),
    ("priority", "Enhanced cooperation among RTCs, WCO and ROCB A/P", None),
    ("priority", "Resource sharing", None),
    ("priority", "Joint development of training materials", None),
    ("priority", "Collective problem-solving for remote learning challenges", None),
    ("commitment", "Strengthen its coordinating role", "rocb-ap"),
    ("commitment", "Continued technical support to foster innovation in distance learning", "wco"),
]

# (name, slug)
CATEGORIES = [
    ("Online learning platform", "online-learning-platform"),
    ("Personalised recommendations", "personalised-recommendations"),
    ("Blended degree programme", "blended-degree-programme"),
    ("University partnership", "university-partnership"),
    ("VR simulation", "vr-simulation"),
    ("Mobile learning", "mobile-learning"),
    ("Interactive case-based course", "interactive-case-based-course"),
    ("AI tutoring / Q&A", "ai-tutoring-qa"),
    ("Accredited online course", "accredited-online-course"),
    ("Quality assurance", "quality-assurance"),
]

PARTNERS = [
    ("Local universities", "university"),
    ("International organisations", "international"),
]

# (name, slug, host body slug)
RTCS = [
    ("China RTC", "china-rtc", "china"),
    ("Fiji RTC", "fiji-rtc", "fiji"),
    ("Hong Kong (China) RTC", "hong-kong-china-rtc", "hong-kong-china"),
    ("India RTC", "india-rtc", "india"),
    ("Indonesia RTC", "indonesia-rtc", "indonesia"),
    ("Japan RTC", "japan-rtc", "japan"),
    ("Korea RTC", "korea-rtc", "korea"),
    ("Malaysia RTC", "malaysia-rtc", "malaysia"),
]

INITIATIVES = [
    {
        "rtc": "china-rtc",
        "title": "Online learning platform with personalised training recommendations",
        "slug": "china-rtc-online-learning-platform",
        "summary": (
            "Developed an online learning platform with customised training recommendations "
            "using big data analysis of learner behaviour."
        ),
        "categories": ["online-learning-platform", "personalised-recommendations"],
        "partners": [],
    },
    {
        "rtc": "fiji-rtc",
        "title": "Blended Master's programmes in customs administration",
        "slug": "fiji-rtc-blended-masters-programmes",
        "summary": (
            "Partnered with local universities to deliver blended Master's programmes in customs "
            "administration."
        ),
        "categories": ["blended-degree-programme", "university-partnership"],
        "partners": ["Local universities"],
    },
    {
        "rtc": "hong-kong-china-rtc",
        "title": "VR simulation of customs enforcement scenarios",
        "slug": "hong-kong-china-rtc-vr-enforcement-simulation",
        "summary": "Implemented VR technology to simulate realistic customs enforcement scenarios.",
        "categories": ["vr-simulation"],
        "partners": [],
    },
    {
        "rtc": "india-rtc",
        "title": "Mobile learning applications",
        "slug": "india-rtc-mobile-learning-applications",
        "summary": "Created mobile learning applications for on-the-go professional development.",
        "categories": ["mobile-learning"],
        "partners": [],
    },
    {
        "rtc": "indonesia-rtc",
        "title": "Interactive courses with case studies and practical exercises",
        "slug": "indonesia-rtc-interactive-case-based-courses",
        "summary": "Designed interactive courses featuring case studies and practical exercises.",
        "categories": ["interactive-case-based-course"],
        "partners": [],
    },
    {
        "rtc": "japan-rtc",
        "title": "AI-powered tutoring and Q&A systems",
        "slug": "japan-rtc-ai-tutoring-and-qa",
        "summary": "Deployed AI-powered tutoring and question-and-answer systems.",
        "categories": ["ai-tutoring-qa"],
        "partners": [],
    },
    {
        "rtc": "korea-rtc",
        "title": "Accredited online courses with international organisations",
        "slug": "korea-rtc-accredited-online-courses",
        "summary": (
            "Collaborated with international organisations to develop accredited online courses."
        ),
        "categories": ["accredited-online-course"],
        "partners": ["International organisations"],
    },
    {
        "rtc": "malaysia-rtc",
        "title": "Quality control for online curriculum",
        "slug": "malaysia-rtc-online-curriculum-quality-control",
        "summary": "Established rigorous quality control mechanisms for online curriculum.",
        "categories": ["quality-assurance"],
        "partners": [],
    },
]
