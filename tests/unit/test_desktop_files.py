"""What makes the frozen folder a desktop program: the icon files, the Linux desktop entry,
AppStream metainfo and file type (checked by the freedesktop tools themselves), and the per-user
install and uninstall scripts, run for real over a fake frozen folder in a throw-away home."""

from __future__ import annotations

import configparser
import os
import shutil
import struct
import subprocess
import sys
import tomllib
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from PySide6.QtGui import QImage, QImageReader

ROOT = Path(__file__).resolve().parents[2]
APP_ID = "org.crmsv.FocalPoint"
RESOURCES = ROOT / "resources"
LINUX = RESOURCES / "linux"
ICONS = RESOURCES / "icons"
RUNTIME_ICONS = ROOT / "src" / "focalpoint" / "resources" / "icons"
INSTALL = ROOT / "packaging" / "linux" / "install.sh"
UNINSTALL = ROOT / "packaging" / "linux" / "uninstall.sh"
THEME_SIZES = (16, 24, 32, 48, 64, 128, 256, 512)
SUBMISSION = "application/vnd.crmsv.focalpoint-submission"
ENCRYPTED = "application/vnd.crmsv.focalpoint-submission-encrypted"
MIME_NS = "{http://www.freedesktop.org/standards/shared-mime-info}"

# The Debian package of each tool these tests run; a missing tool fails with the line to type.
TOOLS = {
    "desktop-file-validate": "desktop-file-utils",
    "update-desktop-database": "desktop-file-utils",
    "appstreamcli": "appstream",
    "update-mime-database": "shared-mime-info",
}

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="freedesktop files and tools: Linux only"
)


def tool(name: str) -> str:
    """The tool's path; a missing one fails the test (never a silent pass) with its package."""
    path = shutil.which(name)
    if path is None:
        packages = " ".join(sorted(set(TOOLS.values())))
        pytest.fail(f"{name} is not installed; run: sudo apt-get install -y {packages}")
    return path


def run(*command: str | Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, env=env, timeout=120
    )


def pyproject_version() -> str:
    with (ROOT / "pyproject.toml").open("rb") as file:
        return str(tomllib.load(file)["project"]["version"])


def desktop_entry(path: Path) -> configparser.SectionProxy:
    parser = configparser.ConfigParser(interpolation=None, strict=True)
    parser.optionxform = str  # type: ignore[assignment,method-assign]  # keys keep their case
    parser.read(path, encoding="utf-8")
    return parser["Desktop Entry"]


# --- The icon files ---------------------------------------------------------------------------


@pytest.mark.parametrize("size", THEME_SIZES)
def test_every_theme_size_is_a_square_png_of_that_size(size: int) -> None:
    image = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
    assert (image.width(), image.height()) == (size, size)
    assert image.hasAlphaChannel()
    # The corners are transparent (a rounded tile), the centre is the amber focal point.
    assert image.pixelColor(0, 0).alpha() == 0
    assert image.pixelColor(size // 2, size // 2).name() == "#f5b335"


def read_all(path: Path) -> list[QImage]:
    reader = QImageReader(str(path))
    images = []
    for index in range(reader.imageCount()):
        reader.jumpToImage(index)
        images.append(reader.read())
    return images


def same_pixels(one: QImage, other: QImage) -> bool:
    fmt = QImage.Format.Format_ARGB32
    return one.convertToFormat(fmt) == other.convertToFormat(fmt)


def test_the_windows_icon_holds_every_size_the_shell_asks_for_the_right_way_up() -> None:
    data = (ICONS / "focalpoint.ico").read_bytes()
    reserved, kind, count = struct.unpack("<HHH", data[:6])
    assert (reserved, kind) == (0, 1)
    images = read_all(ICONS / "focalpoint.ico")
    assert len(images) == count
    by_size = {image.width(): image for image in images}
    assert set(by_size) == {16, 24, 32, 48, 64, 128, 256}
    for size in (16, 32, 256):
        png = QImage(str(ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"))
        assert same_pixels(by_size[size], png), f"{size} px differs from the PNG"


def test_the_macos_icon_holds_the_sizes_of_a_retina_dock() -> None:
    data = (ICONS / "focalpoint.icns").read_bytes()
    assert data[:4] == b"icns"
    assert struct.unpack(">I", data[4:8])[0] == len(data)
    sizes = sorted({image.width() for image in read_all(ICONS / "focalpoint.icns")})
    assert sizes == [16, 32, 64, 128, 256, 512, 1024]


def test_the_running_app_ships_the_same_drawing() -> None:
    assert (RUNTIME_ICONS / "focalpoint.svg").read_bytes() == (
        ICONS / "focalpoint.svg"
    ).read_bytes()
    assert (ICONS / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg").read_bytes() == (
        ICONS / "focalpoint.svg"
    ).read_bytes()
    for size in (16, 24, 32, 48, 64, 128, 256):
        shipped = RUNTIME_ICONS / f"focalpoint-{size}.png"
        themed = ICONS / "hicolor" / f"{size}x{size}" / "apps" / f"{APP_ID}.png"
        assert shipped.read_bytes() == themed.read_bytes(), shipped.name


# --- The Linux desktop files ------------------------------------------------------------------


@linux_only
def test_the_desktop_entry_passes_desktop_file_validate() -> None:
    result = run(tool("desktop-file-validate"), LINUX / f"{APP_ID}.desktop")
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


@linux_only
def test_the_metainfo_passes_appstreamcli_validate() -> None:
    result = run(tool("appstreamcli"), "validate", "--no-net", LINUX / f"{APP_ID}.metainfo.xml")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Validation was successful" in result.stdout


def test_the_newest_release_in_the_metainfo_is_pyprojects_version() -> None:
    root = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    releases = root.findall("releases/release")
    assert releases, "the metainfo lists no release"
    newest = max(releases, key=lambda release: release.get("date", ""))
    assert newest is releases[0], "releases are listed newest first"
    assert newest.get("version") == pyproject_version()


def test_the_desktop_files_name_the_same_app_icon_and_file_types() -> None:
    entry = desktop_entry(LINUX / f"{APP_ID}.desktop")
    metainfo = ET.parse(LINUX / f"{APP_ID}.metainfo.xml").getroot()
    mime = ET.parse(LINUX / f"{APP_ID}.mime.xml").getroot()

    assert metainfo.findtext("id") == APP_ID == entry["Icon"]
    assert metainfo.findtext("launchable") == f"{APP_ID}.desktop"
    assert metainfo.findtext("provides/binary") == "focalpoint"
    assert entry["Exec"] == "focalpoint %f"
    assert entry["StartupWMClass"] == "FocalPoint"  # the application name app.py gives Qt
    declared = {node.get("type") for node in mime.findall(f"{MIME_NS}mime-type")}
    assert declared == {SUBMISSION, ENCRYPTED}
    assert set(filter(None, entry["MimeType"].split(";"))) == declared
    assert {node.text for node in metainfo.findall("provides/mediatype")} == declared
    for key in ("GenericName", "Comment"):
        assert {f"{key}[{lang}]" for lang in ("es", "fr")} <= set(entry), key


@linux_only
def test_a_package_is_its_own_file_type_and_any_other_zip_is_not(tmp_path: Path) -> None:
    mime = tmp_path / "mime"
    (mime / "packages").mkdir(parents=True)
    shutil.copy(LINUX / f"{APP_ID}.mime.xml", mime / "packages" / f"{APP_ID}.xml")
    result = run(tool("update-mime-database"), mime)
    assert result.returncode == 0, result.stderr
    globs = (mime / "globs2").read_text(encoding="utf-8")
    assert f"90:{SUBMISSION}:focalpoint-*.zip\n" in globs
    assert f"90:{ENCRYPTED}:focalpoint-*.zip.age\n" in globs
    assert f"{SUBMISSION} application/zip" in (mime / "subclasses").read_text(encoding="utf-8")
    assert f"{SUBMISSION}:{APP_ID}" in (mime / "icons").read_text(encoding="utf-8")


# --- Installing and uninstalling for one user -------------------------------------------------


def fake_frozen_folder(where: Path, marker: str) -> Path:
    """A folder shaped like dist/FocalPoint: the executable and its _internal/ beside it."""
    frozen = where / "FocalPoint"
    (frozen / "_internal").mkdir(parents=True)
    (frozen / "_internal" / marker).write_text("part of this build\n", encoding="utf-8")
    program = frozen / "focalpoint"
    program.write_text('#!/bin/sh\necho "FocalPoint $*"\n', encoding="utf-8")
    program.chmod(0o755)
    return frozen


def home_environment(home: Path) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if not key.startswith("XDG_")}
    env.pop("FOCALPOINT_DATA_DIR", None)
    env["HOME"] = str(home)
    env["XDG_DATA_DIRS"] = "/usr/local/share:/usr/share"
    return env


def installed_files(home: Path) -> set[str]:
    """What a user would find of FocalPoint in their home (the desktop's caches aside)."""
    found = set()
    for path in home.rglob("*"):
        if not (path.is_file() or path.is_symlink()):
            continue
        relative = path.relative_to(home).as_posix()
        ours = relative.startswith(".local/opt/") or APP_ID in path.name
        if ours or relative == ".local/bin/focalpoint":
            found.add(relative)
    return found


def file_types(env: dict[str, str]) -> list[str]:
    """The types a file manager (Qt's database, as KDE's) sees for a package, an encrypted
    package and another zip, in a fresh process of the user ``env`` describes."""
    code = (
        "from PySide6.QtCore import QMimeDatabase\n"
        "db = QMimeDatabase()\n"
        "for name in ('FocalPoint-SV-003-2026-11-28.zip', 'FocalPoint-SV-003-2026-11-28.zip.age',"
        " 'photos.zip'):\n"
        "    print(db.mimeTypeForFile(name, QMimeDatabase.MatchMode.MatchExtension).name())\n"
    )
    result = run(sys.executable, "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    return result.stdout.split()


@linux_only
def test_install_then_uninstall_for_one_user_keeps_the_workspace(tmp_path: Path) -> None:
    for name in ("update-mime-database", "update-desktop-database"):
        tool(name)
    home = tmp_path / "home"
    workspace = home / ".local" / "share" / "FocalPoint"
    workspace.mkdir(parents=True)
    (workspace / "focalpoint.db").write_bytes(b"the country's records")
    env = home_environment(home)
    first = fake_frozen_folder(tmp_path / "build-1", "old-only.txt")

    result = run("sh", INSTALL, "--from", first, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    share = ".local/share"
    expected = {
        ".local/bin/focalpoint",
        ".local/opt/FocalPoint/focalpoint",
        ".local/opt/FocalPoint/_internal/old-only.txt",
        ".local/opt/FocalPoint/.focalpoint-install",
        ".local/opt/FocalPoint/uninstall.sh",
        f"{share}/applications/{APP_ID}.desktop",
        f"{share}/metainfo/{APP_ID}.metainfo.xml",
        f"{share}/mime/packages/{APP_ID}.xml",
        f"{share}/icons/hicolor/scalable/apps/{APP_ID}.svg",
        *(f"{share}/icons/hicolor/{n}x{n}/apps/{APP_ID}.png" for n in THEME_SIZES),
    }
    assert installed_files(home) == expected

    # The command runs the installed program; the menu entry names it by its full path and
    # passes freedesktop's own checks, installed as a software centre would find it.
    link = home / ".local" / "bin" / "focalpoint"
    assert run(link, "verify", "x.zip").stdout == "FocalPoint verify x.zip\n"
    installed_entry = home / share / "applications" / f"{APP_ID}.desktop"
    program = home / ".local" / "opt" / "FocalPoint" / "focalpoint"
    assert desktop_entry(installed_entry)["Exec"] == f'"{program}" %f'
    validated = run(tool("desktop-file-validate"), installed_entry)
    assert validated.returncode == 0 and not validated.stdout.strip(), validated.stdout
    tree = run(tool("appstreamcli"), "validate-tree", "--no-net", home / ".local")
    assert tree.returncode == 0, tree.stdout + tree.stderr
    # Double-clicking a package opens FocalPoint: the desktop knows both the type and the app.
    mime_cache = (home / share / "applications" / "mimeinfo.cache").read_text(encoding="utf-8")
    assert f"{SUBMISSION}={APP_ID}.desktop;" in mime_cache
    assert file_types(env) == [SUBMISSION, ENCRYPTED, "application/zip"]

    # Installing a newer build over it replaces the program whole, nothing of the old left.
    second = fake_frozen_folder(tmp_path / "build-2", "new-only.txt")
    result = run("sh", INSTALL, "--from", second, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert installed_files(home) == expected - {".local/opt/FocalPoint/_internal/old-only.txt"} | {
        ".local/opt/FocalPoint/_internal/new-only.txt"
    }
    assert not [path for path in (home / ".local" / "opt").iterdir() if path.name != "FocalPoint"]

    # Uninstalling (the copy the installer left, as a user would run it) removes every file
    # and leaves the workspace, saying where it is; a second run finds nothing to do.
    result = run("sh", home / ".local" / "opt" / "FocalPoint" / "uninstall.sh", env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert installed_files(home) == set()
    assert not (home / ".local" / "opt" / "FocalPoint").exists()
    assert (workspace / "focalpoint.db").read_bytes() == b"the country's records"
    assert f"kept in {workspace}" in result.stdout
    assert file_types(env)[0] == "application/zip"
    assert SUBMISSION not in (home / share / "applications" / "mimeinfo.cache").read_text(
        encoding="utf-8"
    )
    again = run("sh", UNINSTALL, env=env)
    assert again.returncode == 0, again.stderr
    assert (workspace / "focalpoint.db").exists()

    # Only when asked does the workspace go too.
    run("sh", INSTALL, "--from", second, env=env)
    result = run("sh", UNINSTALL, "--delete-workspace", env=env)
    assert result.returncode == 0, result.stderr
    assert not workspace.exists()
    assert installed_files(home) == set()


@linux_only
def test_install_goes_where_it_is_told_and_uninstall_finds_it_there(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = home_environment(home)
    frozen = fake_frozen_folder(tmp_path / "build", "part.txt")
    destination = tmp_path / "Programs with spaces" / "FocalPoint"

    result = run("sh", INSTALL, "--from", frozen, destination, env=env)
    assert result.returncode == 0, result.stdout + result.stderr
    assert (destination / "focalpoint").exists()
    entry = desktop_entry(home / ".local" / "share" / "applications" / f"{APP_ID}.desktop")
    assert entry["Exec"] == f'"{destination / "focalpoint"}" %f'
    assert run(home / ".local" / "bin" / "focalpoint").stdout == "FocalPoint \n"

    result = run("sh", UNINSTALL, env=env)  # no folder given: found through the command's link
    assert result.returncode == 0, result.stdout + result.stderr
    assert not destination.exists()
    assert not (home / ".local" / "bin" / "focalpoint").is_symlink()


@linux_only
def test_install_never_replaces_a_folder_it_did_not_make(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = home_environment(home)
    frozen = fake_frozen_folder(tmp_path / "build", "part.txt")
    someones = tmp_path / "Documents"
    someones.mkdir()
    (someones / "letter.odt").write_text("mine", encoding="utf-8")

    result = run("sh", INSTALL, "--from", frozen, someones, env=env)
    assert result.returncode != 0
    assert "not a FocalPoint installation" in result.stderr
    assert [path.name for path in someones.iterdir()] == ["letter.odt"]
    result = run("sh", UNINSTALL, someones, env=env)
    assert result.returncode != 0
    assert (someones / "letter.odt").read_text(encoding="utf-8") == "mine"


# --- Windows and macOS: what can be checked without them --------------------------------------


def test_the_windows_installer_takes_its_version_from_the_build_and_needs_no_administrator() -> (
    None
):
    raw = (ROOT / "packaging" / "windows" / "focalpoint.iss").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf"), "Inno Setup reads UTF-8 only with its byte-order mark"
    script = raw.decode("utf-8-sig")
    lines = {line.strip() for line in script.splitlines()}
    assert "AppVersion={#AppVersion}" in lines
    settings = [line for line in lines if not line.startswith(";")]
    assert not [line for line in settings if pyproject_version() in line]  # /DAppVersion=...
    assert "PrivilegesRequired=lowest" in lines
    assert "DefaultDirName={autopf}\\FocalPoint" in lines
    assert 'Name: "es"; MessagesFile: "compiler:Languages\\Spanish.isl"' in lines
    assert 'Name: "fr"; MessagesFile: "compiler:Languages\\French.isl"' in lines
    assert (ICONS / "focalpoint.ico").exists()  # SetupIconFile
    # The wizard's images, in the sizes Inno Setup asks for, as the 24-bit bitmaps it reads.
    [images] = [line for line in lines if line.startswith("WizardSmallImageFile=")]
    names = images.removeprefix("WizardSmallImageFile=").split(",")
    assert len(names) == 7
    for name in names:
        path = RESOURCES / "windows" / f"wizard-small-{name.removeprefix('{#Wizard}')}"
        width, height = map(int, path.stem.removeprefix("wizard-small-").split("x"))
        header = path.read_bytes()[:30]
        assert header[:2] == b"BM", name
        # BITMAPINFOHEADER: width, height, planes, bits per pixel
        assert struct.unpack("<iiHH", header[18:30]) == (width, height, 1, 24), name
    # Packages are offered FocalPoint in "Open with"; .zip itself is never taken over.
    assert "Software\\Classes\\.zip\\OpenWithProgids" in script
    assert 'Subkey: "Software\\Classes\\.zip"; ValueType: string; ValueName: ""' not in script
    # The uninstaller names the workspace where platformdirs puts it (roaming, RCM\FocalPoint).
    assert "ExpandConstant('{userappdata}\\RCM\\FocalPoint')" in script
    for lang in ("en", "es", "fr"):
        assert f"{lang}.DeleteWorkspace=" in script


def macos_plist_module():  # type: ignore[no-untyped-def]
    import importlib.util

    spec = importlib.util.spec_from_file_location(
        "info_plist", ROOT / "packaging" / "macos" / "info_plist.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_macos_bundle_offers_to_open_packages_without_taking_over_zip_files() -> None:
    import plistlib

    macos = macos_plist_module()
    keys = macos.info_plist("0.1.0", "13.0")
    assert plistlib.loads(plistlib.dumps(keys)) == keys  # every value is a plist value
    assert keys["CFBundleIdentifier"] == APP_ID
    assert keys["CFBundleShortVersionString"] == keys["CFBundleVersion"] == "0.1.0"
    assert keys["NSHighResolutionCapable"] is True
    assert keys["LSMinimumSystemVersion"] == "13.0"
    documents = keys["CFBundleDocumentTypes"]
    assert {rank for document in documents for rank in [document["LSHandlerRank"]]} == {"Alternate"}
    assert ["public.zip-archive"] in [document["LSItemContentTypes"] for document in documents]
    wheel = "Wheel-Version: 1.0\nTag: cp39-abi3-macosx_13_0_universal2\n"
    assert macos.minimum_macos_from_wheel(wheel) == "13.0"
    assert macos.minimum_macos_from_wheel("Tag: cp310-abi3-manylinux_2_34_x86_64\n") is None


@linux_only
@pytest.mark.parametrize("script", ["linux/install.sh", "linux/uninstall.sh", "macos/make_dmg.sh"])
def test_the_shell_scripts_are_plain_posix_sh(script: str) -> None:
    shell = shutil.which("dash") or shutil.which("sh")
    assert shell is not None
    result = run(shell, "-n", ROOT / "packaging" / script)
    assert result.returncode == 0, result.stderr


@linux_only
def test_a_focalpoint_command_installed_another_way_is_left_alone(tmp_path: Path) -> None:
    home = tmp_path / "home"
    env = home_environment(home)
    frozen = fake_frozen_folder(tmp_path / "build", "part.txt")
    command = home / ".local" / "bin" / "focalpoint"
    command.parent.mkdir(parents=True)
    command.write_text("#!/bin/sh\necho from pip\n", encoding="utf-8")  # pip install --user

    result = run("sh", INSTALL, "--from", frozen, env=env)
    assert result.returncode == 0, result.stderr
    assert f"{command} exists and is not a link to FocalPoint" in result.stdout
    assert (home / ".local" / "opt" / "FocalPoint" / "focalpoint").exists()
    assert run("sh", UNINSTALL, env=env).returncode == 0
    assert command.read_text(encoding="utf-8") == "#!/bin/sh\necho from pip\n"
