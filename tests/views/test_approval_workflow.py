"""Approval that means something (#27): what the checks found, shown to those deciding and
confirmed by the owner; an approval over a required finding needs its reason; archive is a
decision with a way back; documents say what they are."""

import re

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core import mail
from django.test import Client
from django.urls import reverse
from django_tasks_db.models import DBTaskResult

from roles.models import Approval, AuditEntry, JobDescription, ReviewAction, ReviewState
from roles.services.notifications import send_review_email
from tests.helpers.data import director_template, make_draft, make_user, vp_template
from tests.helpers.pages import editor_values, form_values
from tests.helpers.pdfs import pdf_text, read_pdf
from tests.helpers.word import read_docx

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    settings.SITE_URL = "https://jd.example.com"


@pytest.fixture
def ceo(db):
    ceo = make_user("ceo", first_name="Maria", last_name="Lopez", email="maria@example.com")
    Group.objects.get(name="Reviewers").user_set.add(ceo)
    return ceo


def client_for(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def review_page(client, draft) -> str:
    return client.get(reverse("roles:review", args=[draft.pk])).content.decode()


def colorado_draft(owner) -> JobDescription:
    """A draft for Denver without a closing date or how to apply: two required pay findings."""
    return make_draft(owner, location="Denver, CO")


def send(owner_client, draft, *reviewers, **extra):
    data = form_values(review_page(owner_client, draft), "submit-form")
    data |= {"reviewers": [r.pk for r in reviewers], **extra}
    return owner_client.post(reverse("roles:review_submit", args=[draft.pk]), data)


def test_the_review_page_shows_the_open_findings_required_first(alice, ceo):
    draft = colorado_draft(alice)
    page = review_page(client_for(alice), draft)
    box = page[page.index('id="open-findings"') :]
    box = box[: box.index("</section>")]
    assert "Open findings" in box and "2 suggestions, 2 required" in box
    assert "Pay transparency: 2 (2 required)" in box
    assert box.count("Required</span>") == 2
    # A draft with nothing open says so.
    clean = review_page(client_for(alice), make_draft(alice))
    assert "No open suggestions" in clean and "The checks found nothing open" in clean


def test_sending_lists_the_open_findings_and_needs_the_owners_confirmation(alice, ceo):
    owner = client_for(alice)
    draft = colorado_draft(alice)
    page = review_page(owner, draft)
    assert "The reviewers will see 2 suggestions, 2 required" in page
    assert "Colorado asks for how to apply." in page
    refused = send(owner, draft, ceo)
    assert refused.status_code == 400
    assert "Confirm that you send it with its open suggestions." in refused.content.decode()
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT
    assert send(owner, draft, ceo, confirm_open_findings="on").status_code == 302
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.IN_REVIEW
    # Nothing open: nothing to confirm.
    clean = make_draft(alice, title="Clean")
    assert 'name="confirm_open_findings"' not in review_page(owner, clean)
    assert send(owner, clean, ceo).status_code == 302


def test_approving_over_a_required_finding_needs_a_reason_kept_in_the_trail(alice, ceo):
    owner, reviewer = client_for(alice), client_for(ceo)
    draft = colorado_draft(alice)
    send(owner, draft, ceo, confirm_open_findings="on")
    page = review_page(reviewer, draft)
    assert "Why approve it with its required findings open (2 open)" in page
    decision = form_values(page, "decision-form") | {"decision": "approve"}
    url = reverse("roles:review_decide", args=[draft.pk])
    refused = reviewer.post(url, decision)
    assert refused.status_code == 400
    assert "2 required findings are still open." in refused.content.decode()
    assert not Approval.objects.exists()

    decision["open_required_reason"] = "Posting in Colorado comes later; internal use first."
    assert reviewer.post(url, decision).status_code == 302
    approval = Approval.objects.get()
    assert approval.open_required_reason == "Posting in Colorado comes later; internal use first."
    assert approval.approved_by == "Maria Lopez"
    entry = AuditEntry.objects.get(action=ReviewAction.APPROVE)
    assert entry.actor_name == "Maria Lopez"
    assert "Approved with 2 required findings open: Posting in Colorado" in entry.message
    assert entry.fingerprint == approval.sha256
    page = review_page(owner, draft)
    assert "Approved with required findings open: “Posting in Colorado" in page
    assert "Document fingerprint (proves the file is unchanged)" in page
    assert "SHA-256" not in page.split("<summary>Document fingerprint")[0][-400:]


def test_a_reviewer_approves_without_a_reason_when_no_required_finding_is_open(alice, ceo):
    owner, reviewer = client_for(alice), client_for(ceo)
    draft = make_draft(alice)
    send(owner, draft, ceo)
    page = review_page(reviewer, draft)
    assert "Why approve it with its required findings open" not in page
    decision = form_values(page, "decision-form") | {"decision": "approve"}
    assert (
        reviewer.post(reverse("roles:review_decide", args=[draft.pk]), decision).status_code == 302
    )
    assert Approval.objects.get().open_required_reason == ""


def test_archive_is_confirmed_told_and_undone_by_the_owner(alice, bob, ceo):
    owner = client_for(alice)
    draft = make_draft(alice)
    url = reverse("roles:review_archive", args=[draft.pk])
    # The review page links to a page that says what archiving does; nothing changes yet.
    assert f'href="{url}"' in review_page(owner, draft)
    confirm = owner.get(url).content.decode()
    assert "Archive this job description?" in confirm and "Its open share links stop" in confirm
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT
    response = owner.post(url, {"message": "Role cancelled"}, follow=True)
    body = response.content.decode()
    assert "Archived. Its share links stop working" in body
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.ARCHIVED
    # No Editor button on an archived JD; Unarchive instead.
    assert f'href="{reverse("roles:edit", args=[draft.pk])}"' not in body
    assert "Unarchive</button>" in body
    # Someone else may not bring it back (not even reach it).
    other = client_for(bob)
    assert other.post(reverse("roles:review_unarchive", args=[draft.pk])).status_code == 404
    response = owner.post(reverse("roles:review_unarchive", args=[draft.pk]), follow=True)
    assert "Unarchived: it is a draft again" in response.content.decode()
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT
    entry = AuditEntry.objects.filter(job_description=draft).first()
    assert (entry.action, entry.from_state, entry.to_state) == (
        ReviewAction.UNARCHIVE,
        ReviewState.ARCHIVED,
        ReviewState.DRAFT,
    )


def test_a_manager_may_unarchive_and_a_reviewer_may_not(alice, ceo):
    manager = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(manager)
    draft = make_draft(alice)
    client_for(alice).post(reverse("roles:review_archive", args=[draft.pk]))
    response = client_for(manager).post(reverse("roles:review_unarchive", args=[draft.pk]))
    assert response.status_code == 302
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT


def _footer_lines(pdf: bytes) -> list[str]:
    """The last line of each page's text (the footer, read in page order)."""
    reader = read_pdf(pdf)
    return [page.extract_text().strip().splitlines()[-1] for page in reader.pages]


def test_every_export_of_an_unapproved_draft_says_so(alice_client, alice):
    draft = make_draft(alice)
    download = reverse("roles:download", args=[draft.pk, "pdf"])
    pdf = alice_client.get(download).content
    reader = read_pdf(pdf)
    assert len(reader.pages) >= 2
    for page in reader.pages:
        assert "Draft, not approved" in page.extract_text()
    docx = read_docx(alice_client.get(reverse("roles:download", args=[draft.pk, "docx"])).content)
    assert "Draft, not approved" in docx.sections[0].footer.paragraphs[0].text
    for format_name in ("txt", "md"):
        text = alice_client.get(reverse("roles:download", args=[draft.pk, format_name]))
        assert text.content.decode().startswith("Draft, not approved.\n"), format_name
    html = alice_client.get(reverse("roles:download", args=[draft.pk, "html"])).content.decode()
    assert html.startswith("<article>\n<p>Draft, not approved.</p>\n<h1>")


def test_the_approved_pdf_says_who_approved_it_when_and_which_version(alice, ceo):
    owner, reviewer = client_for(alice), client_for(ceo)
    draft = make_draft(alice)
    send(owner, draft, ceo)
    decision = form_values(review_page(reviewer, draft), "decision-form")
    reviewer.post(
        reverse("roles:review_decide", args=[draft.pk]), decision | {"decision": "approve"}
    )
    approval = Approval.objects.get()
    stored = b"".join(
        owner.get(reverse("roles:approved_pdf", args=[draft.pk, approval.pk])).streaming_content
    )
    on = f"{approval.approved_at:%-d %B %Y}"
    for page in read_pdf(stored).pages:
        assert f"Approved by Maria Lopez on {on}, version 1" in page.extract_text()
    assert "Draft, not approved" not in pdf_text(stored)
    # The approved JD's download says the same; its text formats carry no draft line.
    pdf = owner.get(reverse("roles:download", args=[draft.pk, "pdf"])).content
    assert f"Approved by Maria Lopez on {on}, version 1" in pdf_text(pdf)
    text = owner.get(reverse("roles:download", args=[draft.pk, "txt"])).content.decode()
    assert not text.startswith("Draft")


def test_the_review_email_carries_the_counts_and_says_it_as_a_sentence(
    alice, ceo, django_capture_on_commit_callbacks
):
    owner = client_for(alice)
    draft = colorado_draft(alice)
    with django_capture_on_commit_callbacks(execute=True):
        send(owner, draft, ceo, confirm_open_findings="on")
    for queued in DBTaskResult.objects.filter(task_path=send_review_email.module_path):
        assert send_review_email.call(*queued.args_kwargs["args"]) == "sent 1"
    (message,) = mail.outbox
    assert "alice asked you to approve “VP of Operations” (version 1)." in message.body
    assert "What the checks found on this version: 2 suggestions, 2 required." in message.body
    assert "Pay transparency: 2 (2 required)" in message.body
    assert re.search(r"https://jd\.example\.com/drafts/\d+/review/", message.body)
    html = message.alternatives[0][0]
    assert "Pay transparency: 2 (2 required)" in html


def approve_as(owner, reviewer, draft, **extra) -> Approval:
    send(client_for(owner), draft, reviewer, **extra)
    reviewer_client = client_for(reviewer)
    decision = form_values(review_page(reviewer_client, draft), "decision-form")
    reviewer_client.post(
        reverse("roles:review_decide", args=[draft.pk]), decision | {"decision": "approve"}
    )
    return Approval.objects.get(job_description=draft)


def test_editing_an_approved_jd_says_so_asks_first_and_tells_the_last_approver(
    alice, ceo, django_capture_on_commit_callbacks
):
    owner = client_for(alice)
    draft = make_draft(alice)
    approval = approve_as(alice, ceo, draft)
    editor = owner.get(reverse("roles:edit", args=[draft.pk])).content.decode()
    on = f"{approval.approved_at:%-d %b %Y}"
    assert f"Approved, version 1, by Maria Lopez on {on}." in editor
    assert "Saving any change starts a new approval round" in editor

    data = editor_values(owner, draft) | {"title": "VP of Operations, EMEA"}
    asked = owner.post(reverse("roles:edit", args=[draft.pk]), data).content.decode()
    assert "Start a new approval round?" in asked and "VP of Operations, EMEA" in asked
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.APPROVED
    assert JobDescription.objects.get(pk=draft.pk).title == "VP of Operations"

    with django_capture_on_commit_callbacks(execute=True):
        saved = owner.post(
            reverse("roles:edit", args=[draft.pk]), data | {"confirm_new_round": "1"}, follow=True
        )
    body = saved.content.decode()
    assert "Saved. This version needs approval again" in body
    assert f'href="/drafts/{draft.pk}/review/#submit-form">Send it for approval</a>' in body
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.DRAFT
    assert "Approved, version 1" not in body  # a draft now: no approved banner
    mail.outbox.clear()
    for queued in DBTaskResult.objects.filter(task_path=send_review_email.module_path):
        send_review_email.call(*queued.args_kwargs["args"])
    told = [m for m in mail.outbox if m.subject.startswith("Changed after your approval")]
    assert [m.to for m in told] == [["maria@example.com"]]
    assert "alice changed “VP of Operations, EMEA” after you approved it" in told[0].body


def test_changes_asked_show_in_the_editor_and_on_the_start_page(alice, ceo):
    owner, reviewer = client_for(alice), client_for(ceo)
    draft = make_draft(alice)
    send(owner, draft, ceo)
    decision = form_values(review_page(reviewer, draft), "decision-form")
    reviewer.post(
        reverse("roles:review_decide", args=[draft.pk]),
        decision | {"decision": "request_changes", "message": "Tighten the KPIs"},
    )
    editor = owner.get(reverse("roles:edit", args=[draft.pk])).content.decode()
    assert "Maria Lopez asked for changes</strong>" in editor
    assert "“Tighten the KPIs”" in editor and "#comments" in editor
    start = owner.get(reverse("roles:compare")).content.decode()
    block = start[start.index('id="needs-action"') :]
    assert "Changes requested" in block and f'href="/drafts/{draft.pk}/"' in block


def test_new_approvals_stay_on_the_start_page_until_marked_seen(alice, ceo):
    owner = client_for(alice)
    draft = make_draft(alice)
    approve_as(alice, ceo, draft)
    start = owner.get(reverse("roles:compare")).content.decode()
    assert "Approved since your last visit" in start
    assert "version 1, by Maria Lopez" in start
    # Still there on the next visit: a notice never vanishes by being looked at.
    assert "Approved since your last visit" in owner.get(reverse("roles:compare")).content.decode()
    owner.post(reverse("roles:approvals_seen"))
    assert (
        "Approved since your last visit" not in owner.get(reverse("roles:compare")).content.decode()
    )


def test_someone_without_an_address_is_told_where_notices_go(alice, bob):
    page = client_for(alice).get(reverse("roles:notification_settings")).content.decode()
    assert "No e-mail address is on file for you" in page
    bob.email = "bob@example.com"
    bob.save()
    page = client_for(bob).get(reverse("roles:notification_settings")).content.decode()
    assert "No e-mail address is on file" not in page


def test_sending_to_a_reviewer_without_an_address_says_where_they_see_it(alice):
    cfo = make_user("cfo", first_name="Chen", last_name="Wu")
    Group.objects.get(name="Reviewers").user_set.add(cfo)
    owner = client_for(alice)
    draft = make_draft(alice)
    page = review_page(owner, draft)
    assert "Chen Wu (Reviewers): no e-mail address, sees it on their start page" in page
    assert "No e-mail address is on file for you" in page
    response = send(owner, draft, cfo)
    followed = owner.get(response.url).content.decode()
    assert "No e-mail address is on file for Chen Wu: they see the request" in followed


def test_all_drafts_link_to_the_review_page(alice):
    manager = make_user("manager")
    Group.objects.get(name="HR managers").user_set.add(manager)
    draft = make_draft(alice, requisition_id="REQ-1042", department="Operations")
    page = client_for(manager).get(reverse("roles:all_drafts")).content.decode()
    assert f'class="fw-semibold draft-title" href="/drafts/{draft.pk}/review/"' in page
    assert "Operations" in page and "Req. REQ-1042" in page


def test_downloads_and_share_links_warn_while_a_required_finding_is_open(alice, alice_client):
    draft = colorado_draft(alice)
    editor = alice_client.get(reverse("roles:edit", args=[draft.pk])).content.decode()
    assert "2 required findings open.</strong> Files made now say “Draft, not approved”" in editor
    preview = alice_client.get(reverse("roles:preview", args=[draft.pk])).content.decode()
    assert "2 required findings open." in preview
    share = alice_client.get(reverse("roles:share_links", args=[draft.pk])).content.decode()
    assert 'id="required-warning"' in share and "Colorado asks for how to apply." in share
    review = review_page(alice_client, draft)
    assert "2 required findings open: the PDF says “Draft, not approved”" in review
    clean = make_draft(alice, title="Clean")
    assert (
        "required finding"
        not in alice_client.get(reverse("roles:edit", args=[clean.pk]))
        .content.decode()
        .split('class="download-menu"')[1]
        .split("</details>")[0]
    )
    share = alice_client.get(reverse("roles:share_links", args=[clean.pk])).content.decode()
    assert 'id="required-warning"' not in share


def test_words_hr_reads_no_dashes_and_comparisons_name_their_sides(alice, alice_client):
    draft = make_draft(alice)
    editor = alice_client.get(reverse("roles:edit", args=[draft.pk])).content.decode()
    assert "---------" not in editor and ">Not set<" in editor
    vp, director = vp_template(), director_template()
    page = alice_client.get(
        reverse("roles:compare_any"), {"a": f"template:{vp.pk}", "b": f"template:{director.pk}"}
    ).content.decode()
    assert "only on the left" not in page and "only on the right" not in page
    assert "only in the “VP of Operations” template" in page


def test_a_comment_on_an_item_is_chosen_in_the_document(alice, alice_client):
    draft = make_draft(alice)
    kpi = draft.kpis.all()[2]
    page = review_page(alice_client, draft)
    link = f'href="/drafts/{draft.pk}/review/?on=kpi:{kpi.pk}#comment-form"'
    assert link in page
    # The list offers the whole JD and its sections, not every item.
    select = page[page.index('id="comment-anchor"') : page.index("</select>")]
    assert "Key responsibilities" in select and "responsibility:" not in select
    chosen = alice_client.get(
        reverse("roles:review", args=[draft.pk]), {"on": f"kpi:{kpi.pk}"}
    ).content.decode()
    assert f'name="anchor" value="kpi:{kpi.pk}"' in chosen
    assert f"KPI 3: {kpi.name}" in chosen
    response = alice_client.post(
        reverse("roles:add_comment", args=[draft.pk]),
        {"anchor": f"kpi:{kpi.pk}", "body": "Give the target in dollars."},
    )
    assert response.status_code == 302
    assert draft.comments.get().kpi == kpi
    # Never in the PDF.
    pdf = alice_client.get(reverse("roles:download", args=[draft.pk, "pdf"])).content
    assert "Comment on this" not in pdf_text(pdf)


def test_a_draft_is_named_as_it_starts_and_told_apart_everywhere(alice, alice_client):
    template = vp_template()
    response = alice_client.post(
        reverse("roles:start_draft", args=[template.slug]),
        {"title": "VP of Operations, Denver", "department": "Ops West", "requisition_id": "R-77"},
    )
    draft = JobDescription.objects.get(owner=alice)
    assert response.url == draft.get_absolute_url()
    assert (draft.title, draft.department, draft.requisition_id) == (
        "VP of Operations, Denver",
        "Ops West",
        "R-77",
    )
    # Skipped: the template's title, nothing else.
    alice_client.post(reverse("roles:start_draft", args=[template.slug]))
    plain = JobDescription.objects.filter(owner=alice).latest("pk")
    assert (plain.title, plain.requisition_id) == ("VP of Operations", "")
    mine = alice_client.get(reverse("roles:draft_list")).content.decode()
    assert "Ops West" in mine and "Req. R-77" in mine and "Chicago" in mine
    picker = alice_client.get(reverse("roles:compare_any")).content.decode()
    assert "Draft: VP of Operations, Denver (Chicago · Ops West · Req. R-77)" in picker


def test_the_suggested_approver_is_whom_the_role_reports_to_or_who_approved_it_last(alice):
    chief = make_user("ceo", first_name="Ada", last_name="King")
    other = make_user("cfo", first_name="Chen", last_name="Wu")
    Group.objects.get(name="Reviewers").user_set.add(chief, other)
    draft = make_draft(alice, reports_to="Chief Executive Officer (CEO)")
    page = review_page(client_for(alice), draft)
    ceo_label = page[page.index(f'value="{chief.pk}"') :][:600]
    cfo_label = page[page.index(f'value="{other.pk}"') :][:600]
    assert "checked" in ceo_label.split(">")[0] and ">suggested</span>" in ceo_label
    assert "checked" not in cfo_label.split(">")[0]
    assert ">suggested</span>" not in cfo_label.split("</label>")[0]
    # Who approved it last is suggested for the next round.
    approve_as(alice, other, draft)
    owner = client_for(alice)
    owner.post(reverse("roles:review_reopen", args=[draft.pk]))
    page = review_page(owner, draft)
    cfo_label = page[page.index(f'value="{other.pk}"') :][:600]
    assert ">suggested</span>" in cfo_label.split("</label>")[0]


def test_taking_a_template_update_on_an_approved_jd_asks_first(alice, ceo):
    draft = make_draft(alice)
    approve_as(alice, ceo, draft)
    template = vp_template()
    template.summary = "A new summary written by HR."
    template.save()
    with reversion.create_revision():
        reversion.add_to_revision(template)
    owner = client_for(alice)
    url = reverse("roles:template_updates", args=[draft.pk])
    page = owner.get(url).content.decode()
    assert "Approved, version 1, by Maria Lopez" in page
    assert "I understand: this starts a new approval round" in page
    form = page[page.index('<form method="post">') :]
    form = form[: form.index("</form>")]
    data = dict(re.findall(r'name="(key|loaded_version|revision)" value="([^"]*)"', form))
    data["key"] = data["key"].replace("&#x27;", "'").replace("&quot;", '"')
    refused = owner.post(url, data, follow=True).content.decode()
    assert "taking a change starts a new approval round" in refused
    assert JobDescription.objects.get(pk=draft.pk).review_state == ReviewState.APPROVED
    taken = owner.post(url, data | {"confirm_new_round": "1"}, follow=True).content.decode()
    assert "needs approval again" in taken
    after = JobDescription.objects.get(pk=draft.pk)
    assert after.review_state == ReviewState.DRAFT
    assert after.summary == "A new summary written by HR."


def test_a_draft_starts_in_the_place_asked_or_says_why_not(alice, alice_client):
    template = vp_template()
    start = reverse("roles:start_draft", args=[template.slug])
    page = alice_client.get(reverse("roles:compare")).content.decode()
    assert f'id="city-{template.pk}" value="Chicago"' in page  # pre-filled from the template
    alice_client.post(start, {"title": "VP, Denver", "city": "Denver", "region": "co"})
    draft = JobDescription.objects.get(owner=alice)
    location = draft.locations.get()
    assert (location.city, location.region, location.postal_code) == ("Denver", "CO", "")
    refused = alice_client.post(start, {"city": "Denver", "region": "Colorado!"}, follow=True)
    assert "Enter the state or province code, e.g. NY." in refused.content.decode()
    assert JobDescription.objects.filter(owner=alice).count() == 1
