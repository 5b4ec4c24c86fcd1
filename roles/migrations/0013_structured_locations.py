"""Free-text locations become structured work locations, as well as the text allows.

"Denver, CO" becomes an on-site location in Denver, CO, US; "Remote" a remote one in the country
of the organisation (US unless the text names another); "Remote (Canada)" or "Toronto, ON" go to
Canada; "Hybrid - Austin, TX" keeps its arrangement. Text this cannot read (a building name, a
list of cities) becomes a location with that text as its city, for the person to tidy, and the
guidance panel then asks for the state or province. Nothing is dropped.
"""

import re

from django.db import migrations

# Two-letter codes of the US states and DC, and of Canada's provinces and territories: enough to
# place "City, XX" without a geocoder (none runs offline, and this runs once).
US_STATES = set(
    [
        "AL",
        "AK",
        "AZ",
        "AR",
        "CA",
        "CO",
        "CT",
        "DE",
        "DC",
        "FL",
        "GA",
        "HI",
        "ID",
        "IL",
        "IN",
        "IA",
        "KS",
        "KY",
        "LA",
        "ME",
        "MD",
        "MA",
        "MI",
        "MN",
        "MS",
        "MO",
        "MT",
        "NE",
        "NV",
        "NH",
        "NJ",
        "NM",
        "NY",
        "NC",
        "ND",
        "OH",
        "OK",
        "OR",
        "PA",
        "RI",
        "SC",
        "SD",
        "TN",
        "TX",
        "UT",
        "VT",
        "VA",
        "WA",
        "WV",
        "WI",
        "WY",
    ]
)
CA_PROVINCES = set(["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"])
COUNTRY_WORDS = {
    "us": "US",
    "usa": "US",
    "united states": "US",
    "canada": "CA",
    "uk": "GB",
    "united kingdom": "GB",
    "ireland": "IE",
    "germany": "DE",
    "france": "FR",
    "netherlands": "NL",
}


def parse(text: str) -> dict:
    """The location fields that ``text`` gives."""
    lowered = text.lower()
    arrangement = "on_site"
    if "remote" in lowered:
        arrangement = "remote"
    elif "hybrid" in lowered:
        arrangement = "hybrid"
    rest = re.sub(r"(?i)\b(remote|hybrid|on-?site)\b", "", text)
    rest = re.sub(r"^[\s\-–—:,()]+|[\s\-–—:,()]+$", "", rest)
    country = None
    for word, code in COUNTRY_WORDS.items():
        if re.search(rf"(?i)\b{re.escape(word)}\b", rest):
            country = code
            rest = re.sub(rf"(?i)[\s,(]*\b{re.escape(word)}\b[\s,)]*", " ", rest).strip(" ,()")
    city, region = rest, ""
    if match := re.fullmatch(r"\s*(?P<city>[^,]+?)\s*,\s*(?P<region>[A-Za-z]{2})\s*", rest):
        code = match["region"].upper()
        if code in US_STATES or code in CA_PROVINCES:
            city, region = match["city"], code
            country = country or ("US" if code in US_STATES else "CA")
    return {
        "arrangement": arrangement,
        "city": city[:80],
        "region": region,
        "country": country or "US",
    }


def structure(apps, schema_editor):
    JobDescription = apps.get_model("roles", "JobDescription")
    WorkLocation = apps.get_model("roles", "WorkLocation")
    rows = [
        WorkLocation(job_description_id=pk, position=1, **parse(text))
        for pk, text in JobDescription.objects.exclude(location="").values_list("pk", "location")
        if text.strip()
    ]
    WorkLocation.objects.bulk_create(rows, batch_size=500)


class Migration(migrations.Migration):
    dependencies = [("roles", "0012_seed_levels")]

    operations = [migrations.RunPython(structure, migrations.RunPython.noop)]
