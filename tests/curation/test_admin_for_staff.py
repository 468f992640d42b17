"""The admin made for NSB staff (issue 16): branded, technical models for superusers only,
standards filtered by objective and status, compact inlines, links to the curation queue;
and links proposed and approved from /curation/."""

import re

import pytest
from django.contrib.auth.models import User
from django.core.management import CommandError, call_command

from catalogue.models import Standard, StandardsBody
from catalogue.stages import stage_codes_for
from core.roles import CURATOR, REVIEWER
from mappings.models import StandardObjectiveLink, StandardProvisionLink
from tests.factories import make_user

pytestmark = pytest.mark.django_db

STANDARDS = "/admin/catalogue/standard/"


def test_admin_is_branded_for_the_catalogue(client, curator):
    client.force_login(curator)
    content = client.get("/admin/").content.decode()
    assert "AI Standards Catalogue — curation" in content
    assert "Django administration" not in content
    assert 'href="/curation/"' in content  # admin → queue


def test_a_curator_does_not_see_axes_or_tokens_and_a_superuser_does(client, curator):
    client.force_login(curator)
    content = client.get("/admin/").content.decode()
    assert "/admin/catalogue/standard/" in content
    for technical in ["/admin/axes/", "/admin/authtoken/", "Access attempts", "Tokens"]:
        assert technical not in content
    assert client.get("/admin/axes/accessattempt/").status_code == 403
    assert client.get("/admin/authtoken/tokenproxy/").status_code == 403

    client.force_login(User.objects.create_superuser("root", password="pw"))
    content = client.get("/admin/").content.decode()
    assert "/admin/axes/accessattempt/" in content and "/admin/authtoken/tokenproxy/" in content
    # The catalogue comes first, technical models last.
    assert content.index("/admin/catalogue/") < content.index("/admin/axes/")


def test_even_a_curator_given_axes_permissions_does_not_see_them(client, curator):
    from django.contrib.auth.models import Permission

    curator.user_permissions.add(*Permission.objects.filter(content_type__app_label="axes"))
    client.force_login(User.objects.get(pk=curator.pk))
    assert "/admin/axes/" not in client.get("/admin/").content.decode()


def _listed(client, query: str) -> set[str]:
    response = client.get(f"{STANDARDS}?{query}")
    assert response.status_code == 200
    return {standard.reference for standard in response.context["cl"].result_list}


def test_standards_changelist_filters_by_objective_and_status(client, curator):
    client.force_login(curator)
    by_objective = _listed(client, "objective=4.2&all=")
    expected = set(
        StandardObjectiveLink.objects.approved()
        .filter(objective__code="4.2")
        .values_list("standard__reference", flat=True)
    )
    assert expected and by_objective == expected

    published = _listed(client, "status=published")
    in_development = _listed(client, "status=in_development")
    assert published and in_development and not published & in_development
    assert (
        set(
            Standard.objects.filter(stage_code__in=stage_codes_for("in_development")).values_list(
                "reference", flat=True
            )
        )
        >= in_development
    )
    both = _listed(client, "objective=4.2&status=published")
    assert both == by_objective & published

    content = client.get(STANDARDS).content.decode()
    for filter_title in ["By objective", "By status", "By committee", "By review state"]:
        assert filter_title in content


def test_a_standards_change_page_has_no_textarea_in_its_inline_rows(client):
    standard = Standard.objects.get(reference="ISO/IEC 42001:2023")
    client.force_login(User.objects.create_superuser("root", password="pw"))
    response = client.get(f"{STANDARDS}{standard.pk}/change/")
    assert response.status_code == 200
    stages = response.context["inline_admin_formsets"][1].formset
    assert stages.prefix == "lifecycle_links" and len(stages.forms) >= 8
    content = response.content.decode()
    inline_part = content[content.index('id="objective_links-group"') :]
    # Before: one tall textarea per life-cycle row (8 here) and per relation; now none.
    assert "<textarea" not in inline_part
    assert len(re.findall("<textarea", content)) <= 4  # aliases, summary, source, notes
    assert 'name="lifecycle_links-0-rationale"' in inline_part
    assert "css/admin.css" in content


def test_curator_proposes_a_link_from_the_queue_and_a_reviewer_approves_it_there(
    client, curator, reviewer
):
    standard = Standard.objects.get(reference="ISO/IEC 42001:2023")
    client.force_login(curator)
    page = client.get("/curation/").content.decode()
    assert 'action="/curation/propose/"' in page and "/admin/" in page  # queue → admin
    response = client.post(
        "/curation/propose/",
        {
            "standard": standard.slug,
            "target": "provision:eu-ai-act/article-40",
            "relationship": "supports_compliance_with",
            "source": "CEN-CENELEC JTC 21 work programme",
            "locator": "item 12",
            "confidence": "medium",
        },
        follow=True,
    )
    assert response.status_code == 200
    link = StandardProvisionLink.objects.get(
        standard=standard, provision__slug="article-40", relationship="supports_compliance_with"
    )
    assert (link.review_state, link.recorded_by, link.locator) == ("proposed", curator, "item 12")
    assert "It becomes public when another reviewer approves it." in response.content.decode()

    client.force_login(reviewer)
    assert f'id="provision-{link.pk}"' in client.get("/curation/").content.decode()
    client.post(f"/curation/provision/{link.pk}/review/", {"action": "approve", "comment": "OK"})
    link.refresh_from_db()
    assert (link.review_state, link.reviewed_by, link.review_comment) == (
        "approved",
        reviewer,
        "OK",
    )


def test_a_bad_proposal_is_a_form_error_never_a_500(client, curator):
    standard = Standard.objects.get(reference="ISO/IEC 42001:2023")
    client.force_login(curator)
    base = {"standard": standard.slug, "source": "Test", "confidence": "high"}
    cases = [
        ({**base, "target": "instrument:eu-ai-act"}, "Choose how the standard relates"),
        ({**base, "target": "objective:4.2", "relationship": "equal"}, "does not fit"),
        ({**base, "target": "objective:9.9"}, "Select a valid choice"),
        ({**base, "target": "provision:eu-ai-act/nowhere"}, "Select a valid choice"),
        ({"target": "objective:4.2"}, "This field is required"),
    ]
    for data, message in cases:
        response = client.post("/curation/propose/", data)
        assert response.status_code == 400, data
        assert message in response.content.decode(), (data, message)
    existing = StandardObjectiveLink.objects.approved().filter(standard=standard).first()
    duplicate = {
        **base,
        "target": f"objective:{existing.objective.code}",
        "relationship": existing.relationship,
    }
    response = client.post("/curation/propose/", duplicate)
    assert response.status_code == 400 and "already exists" in response.content.decode()


def test_reviewers_without_proposal_rights_get_no_form(client, reviewer):
    client.force_login(reviewer)
    content = client.get("/curation/").content.decode()
    assert 'action="/curation/propose/"' not in content
    assert client.post("/curation/propose/", {"target": "objective:4.2"}).status_code in {400, 403}


def test_empty_queue_says_how_to_propose_a_link_and_links_to_the_admin(client, curator):
    client.force_login(curator)
    content = client.get("/curation/").content.decode()
    assert "No proposed link waits for review." in content
    assert "POST /api/v1/mappings/" in content
    assert 'href="/admin/catalogue/standard/"' in content


def test_grant_role_gives_and_revokes_roles_and_bodies(bodies):
    user = User.objects.create_user("alice", password="pw")
    call_command("grant_role", "alice", "curator", "--body", "bsi")
    user.refresh_from_db()
    assert user.is_staff and list(user.groups.values_list("name", flat=True)) == [CURATOR]
    assert user in StandardsBody.objects.get(acronym="BSI").curators.all()
    call_command("grant_role", "alice", "Reviewer")
    assert set(user.groups.values_list("name", flat=True)) == {CURATOR, REVIEWER}
    call_command("grant_role", "alice", "curator", "--body", "BSI", "--revoke")
    assert user not in StandardsBody.objects.get(acronym="BSI").curators.all()
    assert user.groups.filter(name=CURATOR).exists()
    call_command("grant_role", "alice", "curator", "--revoke")
    assert list(user.groups.values_list("name", flat=True)) == [REVIEWER]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["nobody", "curator"], "No user 'nobody'"),
        (["alice", "editor"], "Unknown role 'editor'. Allowed: curator, reviewer."),
        (["alice", "curator", "--body", "XYZ"], "Unknown standards body 'XYZ'. Allowed: "),
    ],
)
def test_grant_role_names_what_is_unknown(args, message):
    make_user("alice")
    with pytest.raises(CommandError, match=re.escape(message)):
        call_command("grant_role", *args)
