"""`keys create/list/revoke`, `staff create/list/disable` and the development key of the embedded default."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
import typer
from typer.testing import CliRunner

from serving.appdb import AppDB
from serving.auth import verify_key
from serving.cli_serve import ensure_dev_key, keys_app, staff_app
from tests.serving.server import settings_for

cli = typer.Typer()
cli.add_typer(keys_app, name="keys")
cli.add_typer(staff_app, name="staff")


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HUBEI_AGENT_HOME", str(tmp_path))
    monkeypatch.delenv("DATABASE_URL", raising=False)
    return tmp_path


def test_keys_create_list_revoke(home: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(cli, ["keys", "create", "--scope", "service", "--name", "12345平台", "--json"])
    assert made.exit_code == 0, made.output
    created = json.loads(made.stdout)
    assert created["scopes"] == ["service"] and created["key"].startswith("hk_")
    db = AppDB(f"sqlite:///{home / 'app.db'}")
    assert verify_key(db, created["key"]) is not None
    listed = json.loads(runner.invoke(cli, ["keys", "list", "--json"]).stdout)
    assert [(k["id"], k["name"], k["revoked"]) for k in listed] == [(created["id"], "12345平台", False)]
    assert "key" not in listed[0]
    assert runner.invoke(cli, ["keys", "revoke", created["id"]]).exit_code == 0
    assert verify_key(db, created["key"]) is None
    assert runner.invoke(cli, ["keys", "revoke", created["id"]]).exit_code == 1
    bad = runner.invoke(cli, ["keys", "create", "--scope", "root", "--name", "x"])
    assert bad.exit_code == 2 and "未知的权限范围" in bad.output


def test_staff_accounts(home: Path) -> None:
    runner = CliRunner()
    made = runner.invoke(cli, ["staff", "create", "clerk1", "--hall-id", "2", "--name", "综合窗口", "--password-stdin"],
                         input="correct-horse-battery\n")
    assert made.exit_code == 0, made.output
    assert json.loads(runner.invoke(cli, ["staff", "list", "--json"]).stdout) == [
        {"username": "clerk1", "display_name": "综合窗口", "hall_id": 2, "disabled": False}]
    short = runner.invoke(cli, ["staff", "create", "clerk2", "--hall-id", "2", "--password-stdin"], input="short\n")
    assert short.exit_code == 2
    assert runner.invoke(cli, ["staff", "disable", "clerk1"]).exit_code == 0


def test_dev_key_only_in_the_embedded_default(tmp_path: Path) -> None:
    settings = settings_for(tmp_path)
    db = AppDB(settings.database_url).create()
    first = ensure_dev_key(settings, db)
    assert first is not None and first[1] is True
    path = tmp_path / "dev-api-key"
    assert path.read_text().strip() == first[0] and path.stat().st_mode & 0o777 == 0o600
    again = ensure_dev_key(settings, db)
    assert again == (first[0], False)
    settings.service.database_url = "postgresql://elsewhere/db"
    assert ensure_dev_key(settings, db) is None
