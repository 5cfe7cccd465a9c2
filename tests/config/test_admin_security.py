"""The admin: configurable path, throttled logins, the Éditeur group, edit history."""

import os
import subprocess
import sys
from datetime import timedelta
from pathlib import Path

import pytest
from axes.models import AccessAttempt
from django.apps import apps
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth.models import Group, Permission, User
from django.test import Client
from django.utils import timezone

from tests.factories import MissionFactory

ROOT = Path(__file__).resolve().parents[2]
PASSWORD = "motdepasse-solide-42"
LOGIN_URL = "/admin/login/"
CONTENT_APPS = ["careers", "certifications", "skills"]


@pytest.fixture
def admin_user(db):
    return User.objects.create_superuser("chef", "chef@example.org", PASSWORD)


@pytest.fixture
def editor(db):
    user = User.objects.create_user("redac", "redac@example.org", PASSWORD, is_staff=True)
    user.groups.add(Group.objects.get(name="Éditeur"))
    return user


def client_from(ip: str) -> Client:
    return Client(REMOTE_ADDR=ip)


def log_in(client: Client, username: str, password: str):
    return client.post(LOGIN_URL, {"username": username, "password": password, "next": "/admin/"})


def test_admin_path_comes_from_the_environment():
    script = (
        "import django; django.setup(); from django.urls import reverse, resolve, Resolver404\n"
        "print(reverse('admin:index'))\n"
        "try:\n    resolve('/admin/')\nexcept Resolver404:\n    print('no /admin/')\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script],
        cwd=ROOT,
        env={
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings",
            "DJANGO_ADMIN_URL": "/gestion-7f3a/",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["/gestion-7f3a/", "no", "/admin/"]


def test_right_password_logs_in(admin_user):
    response = log_in(client_from("10.0.0.1"), "chef", PASSWORD)
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_five_failures_lock_the_username_out_from_that_address(admin_user):
    client = client_from("10.0.0.2")
    for _ in range(4):
        assert log_in(client, "chef", "mauvais").status_code == 200
    response = log_in(client, "chef", "mauvais")
    assert response.status_code == 429
    # Even the right password is refused while locked out.
    response = log_in(client, "chef", PASSWORD)
    assert response.status_code == 429
    html = response.content.decode()
    assert "Connexion temporairement bloquée" in html
    assert "pendant 15 minutes" in html
    assert '<html lang="fr">' in html


def test_five_failures_from_one_address_lock_every_username_out(admin_user):
    client = client_from("10.0.0.3")
    for name in ["a", "b", "c", "d", "e"]:
        log_in(client, name, "mauvais")
    assert log_in(client, "chef", PASSWORD).status_code == 429


def test_a_lockout_does_not_reach_other_addresses(admin_user):
    attacker = client_from("10.0.0.4")
    for _ in range(5):
        log_in(attacker, "chef", "mauvais")
    assert log_in(attacker, "chef", PASSWORD).status_code == 429
    assert log_in(client_from("10.0.0.5"), "chef", PASSWORD).status_code == 302


def test_lockout_ends_after_fifteen_minutes(admin_user):
    client = client_from("10.0.0.6")
    for _ in range(5):
        log_in(client, "chef", "mauvais")
    assert log_in(client, "chef", PASSWORD).status_code == 429
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert log_in(client, "chef", PASSWORD).status_code == 302


def content_permission_codenames() -> set[str]:
    return {
        f"{action}_{model._meta.model_name}"
        for label in CONTENT_APPS
        for model in apps.get_app_config(label).get_models()
        for action in ["add", "change", "delete", "view"]
    }


@pytest.mark.django_db
def test_editor_group_may_edit_every_content_model_and_nothing_else():
    group = Group.objects.get(name="Éditeur")
    granted = set(group.permissions.values_list("content_type__app_label", "codename"))
    assert {codename for _, codename in granted} == content_permission_codenames()
    assert {label for label, _ in granted} == set(CONTENT_APPS)
    assert not group.permissions.filter(content_type__app_label="auth").exists()
    assert Permission.objects.filter(codename="change_career").first() in group.permissions.all()


def test_editor_edits_content_but_not_users_or_groups(editor):
    client = Client()
    client.force_login(editor)
    assert client.get("/admin/careers/career/").status_code == 200
    assert client.get("/admin/certifications/certification/add/").status_code == 200
    assert client.get("/admin/skills/skill/").status_code == 200
    assert client.get("/admin/auth/user/").status_code == 403
    assert client.get("/admin/auth/group/").status_code == 403
    index = client.get("/admin/").content.decode()
    assert "/admin/careers/career/" in index
    assert "/admin/auth/user/" not in index


def test_editing_a_mission_in_the_admin_is_recorded_in_the_history(editor):
    mission = MissionFactory(text="Organiser les expéditions")
    block = mission.block
    client = Client()
    client.force_login(editor)
    response = client.post(
        f"/admin/careers/missionblock/{block.pk}/change/",
        {
            "career": block.career_id,
            "position": block.position,
            "title": "",
            "missions-TOTAL_FORMS": "1",
            "missions-INITIAL_FORMS": "1",
            "missions-MIN_NUM_FORMS": "0",
            "missions-MAX_NUM_FORMS": "1000",
            "missions-0-id": mission.pk,
            "missions-0-block": block.pk,
            "missions-0-position": mission.position,
            "missions-0-text": "Planifier les tournées de livraison",
            "_save": "Enregistrer",
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    mission.refresh_from_db()
    assert mission.text == "Planifier les tournées de livraison"
    entry = LogEntry.objects.get(user=editor)
    assert entry.action_flag == CHANGE
    assert entry.object_id == str(block.pk)
    assert "mission" in entry.get_change_message()
    history = client.get(f"/admin/careers/missionblock/{block.pk}/history/").content.decode()
    assert "redac" in history
