"""A fictional meeting as the secretariat receives it (account.txt, participants.csv), read
into what an editor types into the admin, and a counter of what entering it costs.

account.txt is prose with the labelled lines a host's note carries ("Opening: name | post |
body"); participants.csv is the organisers' list. Both are fictional, for tests only.
"""

import csv
import time
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).parent


@dataclass
class Account:
    facts: dict = field(default_factory=dict)
    roles: list = field(default_factory=list)  # (kind, honorific, name, post, body)
    points: list = field(default_factory=list)  # (kind, text, body or "")
    sources: list = field(default_factory=list)  # (publisher, title, url, kind)
    citations: list = field(default_factory=list)  # (publisher, fact)
    disagreement: tuple = ()  # (point, fact)
    versions: list = field(default_factory=list)  # (publisher, version)
    participants: list = field(default_factory=list)  # (body, role, note)
    sessions: list = field(default_factory=list)  # (order, day, kind, title), as the note lists
    presentations: list = field(default_factory=list)  # (session order, body, speaker, topic)

    def source(self, publisher):
        return next(source for source in self.sources if source[0] == publisher)


def split(value):
    return [part.strip() for part in value.split("|")]


def read_account():
    account = Account()
    for line in (HERE / "account.txt").read_text().splitlines():
        label, _, value = line.partition(": ")
        if not value:
            continue
        if label in ("Number", "Title", "Dates", "Format", "Venue", "Theme", "Participants"):
            account.facts[label] = value
        elif label in ("Opening", "Chair"):
            person, post, body = split(value)
            honorific, name = person.split(" ", 1)
            account.roles.append((label.lower(), honorific, name, post, body))
        elif label in ("Challenge", "Advantage", "Priority", "Commitment"):
            text, *body = split(value)
            account.points.append((label.lower(), text, body[0] if body else ""))
        elif label == "Source":
            account.sources.append(tuple(split(value)))
        elif label == "Cite":
            publisher, fact = split(value)
            account.citations.append((publisher, "" if fact.startswith("(") else fact))
        elif label == "Disagreement":
            account.disagreement = tuple(split(value))
        elif label == "Version":
            account.versions.append(tuple(split(value)))
        elif label == "Session":
            account.sessions.append(tuple(split(value)))
        elif label == "Presented":
            account.presentations.append(tuple(split(value)))
    with open(HERE / "participants.csv", newline="") as rows:
        account.participants = [
            (row["body"], row["role"], row["note"]) for row in csv.DictReader(rows)
        ]
    return account


class Effort:
    """Counts, in a browser context, the pages the user opened (links followed, addresses
    typed, pop-ups) and the forms they submitted (POSTs), and the wall time. A redirect after
    a submission is part of that submission, not another load."""

    def __init__(self, context):
        self.page_loads = 0
        self.submissions = 0
        self.steps = []
        # Every answer of the server of 500 or more, pages, pop-ups and autocompletes alike.
        self.server_errors = []
        self.started = time.monotonic()
        context.on("request", self.count)
        context.on("response", self.check)

    def check(self, response):
        if response.status >= 500:
            self.server_errors.append(f"{response.status} {response.url}")

    def count(self, request):
        if not request.is_navigation_request() or request.redirected_from:
            return
        self.steps.append(f"{request.method} {request.url.split('/', 3)[-1]}")
        if request.method == "POST":
            self.submissions += 1
        else:
            self.page_loads += 1

    @property
    def seconds(self):
        return time.monotonic() - self.started

    def __str__(self):
        return (
            f"{self.page_loads} page loads, {self.submissions} form submissions, "
            f"{self.seconds:.1f} s"
        )
