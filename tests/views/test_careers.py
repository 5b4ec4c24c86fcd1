"""The public careers site: a job's page (its latest approved version, with its JobPosting data),
the open jobs, the Indeed XML feed and the sitemap. Only approved JDs marked for the careers page
and posted externally show, until archived, trashed, taken down or past their closing date; any
other number is a 404 like one never used."""

import json
import re
import xml.etree.ElementTree as ET
from datetime import timedelta
from email.utils import parsedate_to_datetime
from io import BytesIO
from pathlib import Path

import jsonschema
import pytest
from django.core.exceptions import ValidationError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from roles.models import JobDescription, OrganisationProfile, ReviewState
from roles.services.drafts import ItemValues, jobdescription_save, jobdescription_trash
from roles.services.review import review_archive, review_decide
from tests.helpers.data import editor_data, make_draft, png_bytes
from tests.helpers.review import approve, make_reviewer, submit_for_review

pytestmark = pytest.mark.django_db

SCHEMA = json.loads(
    (Path(__file__).parents[1] / "documents" / "jobposting.schema.json").read_text()
)
SITEMAP_NS = {"sm": "http://www.sitemaps.org/schemas/sitemap/0.9"}
#: What Indeed's XML feed reference requires of every <job> (its own words: "Required").
INDEED_REQUIRED = ("title", "date", "referencenumber", "requisitionid", "url", "company")
INDEED_REQUIRED += ("description", "country")
TODAY = timezone.localdate()


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


@pytest.fixture
def rita(db):
    return make_reviewer("rita")


def publish(owner, reviewer, *, approved: bool = True, **fields) -> JobDescription:
    """A JD marked for the careers page, posted externally, with a place and a date; approved
    by ``reviewer`` unless ``approved`` is False."""
    values = {
        "company": "Northwind Logistics",
        "posting_date": TODAY - timedelta(days=3),
        "publish_on_careers_page": True,
        "requisition_id": "OPS-7",
        **fields,
    }
    draft = make_draft(owner, location="Chicago, IL")
    draft.locations.update(postal_code="60601")
    # Through the editor's service: its saved revision is what an approval pins.
    draft = save_edit(draft, owner, **values)
    if approved:
        approve(draft, reviewer)
    return JobDescription.objects.get(pk=draft.pk)


def page_path(draft: JobDescription, slug: str = "vp-of-operations") -> str:
    return reverse("roles:careers_job", args=[draft.pk, slug])


def json_ld(page: str) -> dict:
    (script,) = re.findall(r'<script type="application/ld\+json">(.*?)</script>', page, re.S)
    return json.loads(script)


def read_feed(client=None) -> tuple[bytes, ET.Element]:
    response = (client or Client()).get(reverse("roles:careers_feed"))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml; charset=utf-8"
    return response.content, ET.fromstring(response.content)


def missing_elements(job: ET.Element) -> list[str]:
    """What Indeed requires that ``job`` lacks or leaves empty."""
    return [name for name in INDEED_REQUIRED if not (job.findtext(name) or "").strip()]


def sitemap_urls(client=None) -> list[str]:
    response = (client or Client()).get(reverse("roles:careers_sitemap"))
    assert response.status_code == 200
    root = ET.fromstring(response.content)
    return [url.findtext("sm:loc", namespaces=SITEMAP_NS) for url in root]


def save_edit(draft: JobDescription, user, **fields) -> JobDescription:
    """Edit the JD through the service the editor and the API use."""
    draft = JobDescription.objects.get(pk=draft.pk)
    jobdescription_save(
        job_description=draft, fields=fields, items={}, expected_version=draft.version, user=user
    )
    return JobDescription.objects.get(pk=draft.pk)


def test_an_approved_public_posting_has_a_page_anyone_can_read(alice, rita):
    draft = publish(alice, rita, title="VP of Operations")
    response = Client().get(page_path(draft))
    page = response.content.decode()
    assert response.status_code == 200
    assert '<h1 class="jd-title">VP of Operations</h1>' in page
    assert f'<link rel="canonical" href="http://testserver{page_path(draft)}">' in page
    # For search engines: indexable, its posting data naming the page's own address.
    assert "noindex" not in page and "X-Robots-Tag" not in response
    posting = json_ld(page)
    jsonschema.validate(posting, SCHEMA)
    assert posting["url"] == f"http://testserver{page_path(draft)}"
    assert posting["hiringOrganization"]["name"] == "Northwind Logistics"
    assert posting["identifier"]["value"] == "OPS-7"
    # Nothing of the app: no navigation, no sign-in, no form.
    assert "Sign out" not in page and "<form" not in page
    assert not re.search(r'href="/(drafts|accounts|admin|s/)', page)


def test_the_page_is_cacheable_and_csp_clean(alice, rita):
    draft = publish(alice, rita)
    response = Client().get(page_path(draft))
    page = response.content.decode()
    cache = {part.strip() for part in response["Cache-Control"].split(",")}
    assert {"public", "max-age=300"} <= cache
    assert "Set-Cookie" not in response and "csrftoken" not in page
    # The same bytes for everyone: no nonce in the policy or the page, so no inline style.
    policy = response["Content-Security-Policy"]
    assert "nonce-" not in policy and "'unsafe-inline'" not in policy and "nonce=" not in page
    assert "<style" not in page and " style=" not in page
    # The only script is the posting data, which no browser runs.
    assert re.findall(r"<script[^>]*>", page) == ['<script type="application/ld+json">']
    theme = re.search(r'href="(/careers/theme\.css\?c=[0-9a-f]{6})"', page)
    css = Client().get(theme.group(1))
    assert css.status_code == 200 and css["Content-Type"] == "text/css; charset=utf-8"
    assert css.content.decode() == ".jd { --jd-accent: #0f4c81; }\n"


def test_the_logo_is_public_on_the_page_and_in_the_posting_data(alice, rita):
    profile = OrganisationProfile.load()
    profile.logo.save("logo.png", BytesIO(png_bytes()), save=True)
    draft = publish(alice, rita)
    page = Client().get(page_path(draft)).content.decode()
    (src,) = re.findall(r'<img class="jd-logo" src="([^"]+)"', page)
    assert src.startswith("/careers/logo?v=")
    assert json_ld(page)["hiringOrganization"]["logo"] == f"http://testserver{src}"
    logo = Client().get(src)
    assert logo.status_code == 200 and logo["Content-Type"] == "image/png"
    assert b"".join(logo.streaming_content) == profile.logo.read()


def test_the_page_shows_the_approved_version_not_the_draft_being_edited(alice, rita):
    draft = publish(alice, rita, title="VP of Operations")
    save_edit(draft, alice, title="VP of Operations (being rewritten)")
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT
    page = Client().get(page_path(draft)).content.decode()
    assert "VP of Operations" in page and "being rewritten" not in page
    assert json_ld(page)["title"] == "VP of Operations"


def test_a_wrong_or_missing_slug_is_redirected_for_good_to_the_right_one(alice, rita):
    draft = publish(alice, rita)
    for path in (
        page_path(draft, "old-title"),
        reverse("roles:careers_job_by_number", args=[draft.pk]),
    ):
        response = Client().get(path)
        assert response.status_code == 301 and response["Location"] == page_path(draft)
    # A new approved title moves the page; the old address leads there.
    save_edit(draft, alice, title="Chief Operating Officer")
    approve_again(draft, alice, rita)
    response = Client().get(page_path(draft))
    assert response.status_code == 301
    assert response["Location"] == page_path(draft, "chief-operating-officer")


def not_found(path: str) -> tuple[int, bytes]:
    response = Client().get(path)
    return response.status_code, response.content


@pytest.mark.parametrize(
    "how",
    [
        "never approved",
        "not marked",
        "marked only since the approval",
        "unmarked since the approval",
        "internal since the approval",
        "archived",
        "in the trash",
        "past its closing date",
        "closing date brought forward since",
    ],
)
def test_a_jd_that_is_not_a_public_posting_is_404_like_a_number_never_used(alice, rita, how):
    if how == "never approved":
        draft = publish(alice, rita, approved=False)
    elif how == "not marked":
        draft = publish(alice, rita, publish_on_careers_page=False)
    elif how == "marked only since the approval":
        # Publishing waits for an approval that says so.
        draft = publish(alice, rita, publish_on_careers_page=False)
        save_edit(draft, alice, publish_on_careers_page=True)
    elif how == "unmarked since the approval":
        # Taking down does not wait for one.
        draft = publish(alice, rita)
        save_edit(draft, alice, publish_on_careers_page=False)
    elif how == "internal since the approval":
        draft = publish(alice, rita)
        JobDescription.objects.filter(pk=draft.pk).update(audience="internal")
    elif how == "archived":
        draft = publish(alice, rita)
        review_archive(job_description=draft, user=alice)
    elif how == "in the trash":
        draft = publish(alice, rita)
        jobdescription_trash(job_description=draft, user=alice)
    elif how == "past its closing date":
        draft = publish(
            alice,
            rita,
            posting_date=TODAY - timedelta(days=30),
            closing_date=TODAY - timedelta(days=1),
        )
    else:
        draft = publish(alice, rita, closing_date=TODAY + timedelta(days=30))
        save_edit(draft, alice, closing_date=TODAY - timedelta(days=1))
    never_used = not_found(page_path(JobDescription(pk=draft.pk + 1000)))
    assert never_used[0] == 404
    assert not_found(page_path(draft)) == never_used
    assert not_found(reverse("roles:careers_job_by_number", args=[draft.pk]))[0] == 404
    _, feed = read_feed()
    assert feed.findall("job") == []
    assert sitemap_urls() == ["http://testserver/careers/"]
    index = Client().get(reverse("roles:careers")).content.decode()
    assert page_path(draft) not in index and "There are no open jobs right now." in index


def test_a_posting_open_until_today_is_still_listed(alice, rita):
    draft = publish(alice, rita, closing_date=TODAY)
    assert Client().get(page_path(draft)).status_code == 200
    _, feed = read_feed()
    assert feed.find("job/expirationdate").text == f"{TODAY.isoformat()}T23:59:59"


def test_the_feed_has_one_job_per_posting_and_place_with_every_field(alice, rita, settings):
    draft = publish(
        alice,
        rita,
        title="VP of Operations",
        salary_min=180_000,
        salary_max=220_000,
        closing_date=TODAY + timedelta(days=20),
    )
    draft.locations.create(position=2, arrangement="remote", country="US")
    approve_again(draft, alice, rita)
    other = publish(alice, rita, title="Director of Finance", requisition_id="")
    raw, source = read_feed()

    assert source.tag == "source"
    assert source.findtext("publisherurl") == "http://testserver/careers/"
    assert source.findtext("publisher")
    built = parsedate_to_datetime(source.findtext("lastBuildDate"))
    assert abs((timezone.now() - built).total_seconds()) < 60
    jobs = source.findall("job")
    assert [missing_elements(job) for job in jobs] == [[], [], []]
    by_reference = {job.findtext("referencenumber"): job for job in jobs}
    chicago, remote = draft.locations.order_by("position")
    on_site = by_reference[f"jdb-{draft.pk}-{chicago.pk}"]
    assert {child.tag: child.text for child in on_site if child.tag != "description"} == {
        "title": "VP of Operations",
        "date": (TODAY - timedelta(days=3)).isoformat(),
        "referencenumber": f"jdb-{draft.pk}-{chicago.pk}",
        "requisitionid": "OPS-7",
        "url": f"http://testserver{page_path(draft)}",
        "company": "Northwind Logistics",
        "sourcename": OrganisationProfile.load().name or "Northwind Logistics",
        "city": "Chicago",
        "state": "IL",
        "country": "US",
        "postalcode": "60601",
        "salary": "USD 180,000 – 220,000 per year",
        "jobtype": "fulltime",
        "expirationdate": f"{(TODAY + timedelta(days=20)).isoformat()}T23:59:59",
    }
    description = on_site.findtext("description")
    assert "<p>" in description and "<ul><li>" in description
    anywhere = by_reference[f"jdb-{draft.pk}-{remote.pk}"]
    assert anywhere.findtext("remotetype") == "Fully remote"
    assert anywhere.find("city") is None and anywhere.find("postalcode") is None
    assert anywhere.findtext("url") == on_site.findtext("url")
    (finance,) = [job for job in jobs if job.findtext("title") == "Director of Finance"]
    # No job code: the JD's own number tracks the role.
    assert finance.findtext("requisitionid") == f"JD-{other.pk}"
    assert finance.find("expirationdate") is None and finance.find("remotetype") is None
    # Every job value is in CDATA, as Indeed asks: without its CDATA sections, every element in
    # the jobs but <job> itself is empty.
    raw_jobs = raw[raw.index(b"<job>") :]
    assert raw_jobs.count(b"<![CDATA[") >= 3 * len(INDEED_REQUIRED)
    bare = re.sub(rb"<!\[CDATA\[.*?\]\]>", b"", raw_jobs, flags=re.S)
    assert set(re.findall(rb"<(\w+)>(?!</\1>)", bare)) == {b"job"}


def approve_again(draft: JobDescription, owner, reviewer) -> None:
    """Start a new round on the approved JD (an edit, unless it has one) and approve it."""
    draft = JobDescription.objects.get(pk=draft.pk)
    if draft.review_state == ReviewState.APPROVED:
        draft = save_edit(draft, owner, summary=draft.summary + " Edited.")
    submit_for_review(draft, reviewer)
    draft = JobDescription.objects.get(pk=draft.pk)
    # A place added may bring a pay law's finding; the reviewer approves it as it is.
    review_decide(
        job_description=draft,
        user=reviewer,
        approve=True,
        seen_version=draft.version,
        open_required_reason="Counsel checked the posting.",
    )


def test_the_required_field_check_tells_a_complete_job_from_an_incomplete_one(alice, rita):
    publish(alice, rita)
    _, source = read_feed()
    (job,) = source.findall("job")
    assert missing_elements(job) == []
    job.remove(job.find("title"))
    job.find("description").text = "  "
    assert missing_elements(job) == ["title", "description"]


def test_a_title_with_a_cdata_end_is_split_across_sections_and_reads_back_whole(alice, rita):
    title = "Ops ]]> <script>alert(1)</script> & ]]]]> more"
    publish(alice, rita, title=title)
    raw, source = read_feed()
    assert source.findtext("job/title") == title
    sections = b"<![CDATA[Ops ]]]]><![CDATA[> <script>alert(1)</script> & ]]]]]]><![CDATA[> more]]>"
    assert b"<title>" + sections + b"</title>" in raw


def test_hostile_text_is_escaped_in_the_page_the_posting_data_and_the_feed(alice, rita):
    hostile = '</script><script>alert(1)</script><!-- "quoted" & more'
    draft = publish(alice, rita, title=hostile, summary=f"Summary {hostile}")
    response = Client().get(reverse("roles:careers_job_by_number", args=[draft.pk]))
    page = Client().get(response["Location"]).content.decode()
    assert "<script>alert(1)" not in page
    assert page.count("</script>") == 1  # the JSON-LD's own end, nothing else
    assert json_ld(page)["title"] == hostile
    _, source = read_feed()
    description = source.findtext("job/description")
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in description
    assert "<script>" not in description
    index = Client().get(reverse("roles:careers")).content.decode()
    assert "<script>alert(1)" not in index


def test_a_reference_number_never_changes_through_edits_and_reapprovals(alice, rita):
    draft = publish(alice, rita)
    draft.locations.create(position=2, arrangement="hybrid", city="Denver", region="CO")
    approve_again(draft, alice, rita)
    _, before = read_feed()
    references = {
        job.findtext("city"): job.findtext("referencenumber") for job in before.findall("job")
    }
    assert len(references) == 2
    # Reorder the places and rename the job, through the editor, and approve again.
    chicago, denver = draft.locations.order_by("position")
    draft = JobDescription.objects.get(pk=draft.pk)
    jobdescription_save(
        job_description=draft,
        fields={"title": "VP of Operations, Americas"},
        items={
            "locations": [
                ItemValues(id=denver.pk, values={"city": "Denver", "region": "CO"}),
                ItemValues(id=chicago.pk, values={"city": "Chicago", "region": "IL"}),
            ]
        },
        expected_version=draft.version,
        user=alice,
    )
    approve_again(draft, alice, rita)
    assert draft.approvals.count() == 3
    _, after = read_feed()
    jobs = after.findall("job")
    assert {job.findtext("city"): job.findtext("referencenumber") for job in jobs} == references
    assert {job.findtext("title") for job in jobs} == {"VP of Operations, Americas"}
    assert after.find("job").findtext("remotetype") == "Hybrid remote"


def test_the_sitemap_lists_the_careers_pages(alice, rita):
    draft = publish(alice, rita)
    other = publish(alice, rita, title="Director of Finance")
    hidden = publish(alice, rita, approved=False, title="Not yet")
    response = Client().get(reverse("roles:careers_sitemap"))
    assert response["Content-Type"] == "application/xml"
    assert "public" in response["Cache-Control"]
    root = ET.fromstring(response.content)
    urls = {
        url.findtext("sm:loc", namespaces=SITEMAP_NS): url.findtext(
            "sm:lastmod", namespaces=SITEMAP_NS
        )
        for url in root
    }
    assert set(urls) == {
        "http://testserver/careers/",
        f"http://testserver{page_path(draft)}",
        f"http://testserver{page_path(other, 'director-of-finance')}",
    }
    approved_on = draft.approvals.get().approved_at.date().isoformat()
    assert urls[f"http://testserver{page_path(draft)}"] == approved_on
    assert not any(str(hidden.pk) in url for url in urls)
    robots = Client().get("/robots.txt").content.decode()
    assert "Sitemap: http://testserver/careers/sitemap.xml" in robots
    assert "Allow: /careers/" in robots


def test_the_open_jobs_page_lists_each_posting(alice, rita):
    draft = publish(alice, rita, closing_date=TODAY + timedelta(days=9))
    response = Client().get(reverse("roles:careers"))
    page = response.content.decode()
    assert response.status_code == 200 and "public" in response["Cache-Control"]
    assert f'<a href="{page_path(draft)}">VP of Operations</a>' in page
    assert f"applications close on {TODAY + timedelta(days=9):%-d %B %Y}" in page


def count_queries(path: str) -> int:
    with CaptureQueriesContext(connection) as queries:
        assert Client().get(path).status_code == 200
    return len(queries)


def test_each_list_reads_in_the_same_queries_for_one_posting_or_many(alice, rita):
    publish(alice, rita)
    paths = [
        reverse(name) for name in ("roles:careers", "roles:careers_feed", "roles:careers_sitemap")
    ]
    few = [count_queries(path) for path in paths]
    for number in range(3):
        draft = publish(alice, rita, title=f"Role {number}")
        draft.locations.create(position=2, arrangement="remote", country="CA")
        approve_again(draft, alice, rita)
    _, source = read_feed()
    assert len(source.findall("job")) == 1 + 3 * 2
    assert [count_queries(path) for path in paths] == few


def test_the_editor_offers_the_choice_and_refuses_it_for_an_internal_posting(alice_client, alice):
    draft = make_draft(alice, company="Northwind", posting_date=TODAY)
    url = reverse("roles:edit", args=[draft.pk])
    page = alice_client.get(url).content.decode()
    assert "Publish on the careers page" in page
    posting = {"company": "Northwind", "posting_date": TODAY.isoformat()}
    data = editor_data(draft, publish_on_careers_page="on", audience="internal", **posting)
    response = alice_client.post(url, data)
    assert response.status_code == 200
    assert "An internal posting is not published" in response.content.decode()
    assert not JobDescription.objects.get(pk=draft.pk).publish_on_careers_page
    data = editor_data(draft, publish_on_careers_page="on", audience="external", **posting)
    assert alice_client.post(url, data).status_code == 302
    assert JobDescription.objects.get(pk=draft.pk).publish_on_careers_page


def test_publishing_asks_for_a_posting_date_and_a_company(alice):
    draft = make_draft(alice, company="", posting_date=None, publish_on_careers_page=True)
    with pytest.raises(ValidationError) as error:
        draft.full_clean()
    assert {"posting_date", "company"} <= set(error.value.message_dict)
    draft.publish_on_careers_page = False
    draft.full_clean()


def test_a_number_too_large_for_a_row_id_is_a_plain_404():
    for path in ("/careers/jobs/99999999999999999999999-x/", "/careers/jobs/99999999999999999999/"):
        assert Client().get(path).status_code == 404
