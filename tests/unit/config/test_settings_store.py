"""Settings on disk: round trip, atomic write, broken file, ``--basedir`` paths."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest

from pos_gui.config.paths import AppPaths, resolve_paths
from pos_gui.config.settings import (
    PrinterSettings,
    Profile,
    Settings,
    delete_settings,
    load_settings,
    save_settings,
)


def test_basedir_puts_every_folder_under_it(tmp_path: Path) -> None:
    paths = resolve_paths(tmp_path / "till")
    for folder in (paths.config_dir, paths.data_dir, paths.log_dir):
        assert folder.is_dir()
        assert folder.is_relative_to(tmp_path / "till")
    assert paths.journal_file == paths.data_dir / "journal.sqlite3"


def test_without_settings_file_the_defaults_ask_for_setup(paths: AppPaths) -> None:
    settings = load_settings(paths)
    assert settings == Settings()
    assert not settings.is_configured


def test_settings_round_trip(paths: AppPaths) -> None:
    saved = Settings(
        profile=Profile.TESTING,
        api_url="http://127.0.0.1:8765",
        client_id="till-7",
        device_uuid="/vendor/acme/cashier/7",
        printer=PrinterSettings(kind="network", address="10.0.0.9:9100", width=48),
    )
    save_settings(paths, saved)
    loaded = load_settings(paths)
    assert loaded == saved
    assert loaded.is_configured
    assert json.loads(paths.settings_file.read_text(encoding="utf-8"))["profile"] == "testing"


def test_save_leaves_no_temporary_files(paths: AppPaths) -> None:
    save_settings(paths, Settings(profile=Profile.DEMO))
    save_settings(paths, Settings(profile=Profile.LIVE))
    assert sorted(p.name for p in paths.config_dir.iterdir()) == ["settings.json"]
    assert load_settings(paths).profile is Profile.LIVE


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"profile": "moon"}',
        '{"printer": {"width": 99}}',
        '{"printer": {"width": true}}',
        '{"printer": {"auto_print": "yes"}}',
        '{"printer": "network"}',
        '{"language": "fr"}',
        '{"device_uuid": 7}',
        '{"api_url": ["http://x"]}',
        "[1, 2]",
        "",
    ],
)
def test_broken_file_gives_defaults_and_a_warning(
    paths: AppPaths, content: str, caplog: pytest.LogCaptureFixture
) -> None:
    paths.settings_file.write_text(content, encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="pos_gui.config"):
        settings = load_settings(paths)
    assert settings == Settings()
    assert any("settings file" in record.getMessage() for record in caplog.records)
    # The broken file is kept for support, and the next save writes a good one.
    assert paths.settings_file.with_name("settings.json.broken").read_text(encoding="utf-8") == content
    save_settings(paths, Settings(profile=Profile.DEMO))
    assert load_settings(paths).profile is Profile.DEMO


def test_unknown_fields_from_a_newer_version_are_ignored(paths: AppPaths) -> None:
    paths.settings_file.write_text('{"profile": "demo", "future_option": 3}', encoding="utf-8")
    assert load_settings(paths).profile is Profile.DEMO


def test_delete_settings_starts_over(paths: AppPaths) -> None:
    save_settings(paths, Settings(profile=Profile.DEMO))
    delete_settings(paths)
    delete_settings(paths)  # twice is fine
    assert not load_settings(paths).is_configured


def test_a_wrong_value_names_its_field_in_the_warning(
    paths: AppPaths, caplog: pytest.LogCaptureFixture
) -> None:
    paths.settings_file.write_text('{"profile": "demo", "printer": {"width": 99}}', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="pos_gui.config"):
        load_settings(paths)
    assert "printer.width" in caplog.text
    assert "99" in caplog.text


def test_settings_in_code_are_checked_like_the_file() -> None:
    with pytest.raises(ValueError, match=r"printer\.kind"):
        PrinterSettings(kind="fax")  # type: ignore[arg-type]
    changed = Settings().replace(profile="live")
    assert changed.profile is Profile.LIVE
    with pytest.raises(ValueError, match=r"settings\.language"):
        Settings().replace(language="fr")
