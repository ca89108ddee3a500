"""The keys of FocalPoint.app's Info.plist, for the spec's ``BUNDLE(info_plist=...)``.

The spec imports it from this folder (it is not part of the installed package)::

    sys.path.insert(0, str(ROOT / "packaging" / "macos"))
    import info_plist as macos

    BUNDLE(coll, name="FocalPoint.app", icon=..., bundle_identifier=macos.BUNDLE_ID,
           version=VERSION, info_plist=macos.info_plist(VERSION))

Standard library only, so the spec can import it on any machine.
"""

from __future__ import annotations

import re

# The same identity as the Linux desktop entry and AppStream id (crmsv.org is the RCM's).
BUNDLE_ID = "org.crmsv.FocalPoint"
# What "Open with" and Finder's Get Info call a package. Finder shows these as they are.
PACKAGE_TYPE = "FocalPoint submission package"
ENCRYPTED_TYPE = "FocalPoint submission package, encrypted"
# .age files have no system type; this one is declared as imported (FocalPoint does not own
# the format), so that a package encrypted to the Secretariat can be opened with FocalPoint.
AGE_TYPE = f"{BUNDLE_ID}.age"
# Used when the Qt wheel's own tag cannot be read.
FALLBACK_MINIMUM_MACOS = "12.0"


def info_plist(version: str, minimum_macos: str | None = None) -> dict[str, object]:
    """The keys BUNDLE adds to (or sets in) the Info.plist it writes."""
    return {
        "CFBundleIdentifier": BUNDLE_ID,
        "CFBundleName": "FocalPoint",
        "CFBundleDisplayName": "FocalPoint",
        "CFBundleShortVersionString": version,
        "CFBundleVersion": version,
        "CFBundlePackageType": "APPL",
        "LSApplicationCategoryType": "public.app-category.productivity",
        "LSMinimumSystemVersion": minimum_macos or qt_minimum_macos(),
        "NSHighResolutionCapable": True,
        # Dark mode follows the system; Qt draws both.
        "NSRequiresAquaSystemAppearance": False,
        "NSHumanReadableCopyright": "Regional Conference on Migration (RCM). MIT licence.",
        # Packages are zip files. FocalPoint offers to open them (Open With) without becoming
        # the program for every zip file: LSHandlerRank Alternate never takes the default from
        # the Archive Utility. A Mac chooses by extension only, so FocalPoint-*.zip cannot be
        # told apart from other zips here, as it is on Linux.
        "CFBundleDocumentTypes": [
            {
                "CFBundleTypeName": PACKAGE_TYPE,
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": ["public.zip-archive"],
            },
            {
                "CFBundleTypeName": ENCRYPTED_TYPE,
                "CFBundleTypeRole": "Viewer",
                "LSHandlerRank": "Alternate",
                "LSItemContentTypes": [AGE_TYPE],
            },
        ],
        "UTImportedTypeDeclarations": [
            {
                "UTTypeIdentifier": AGE_TYPE,
                "UTTypeDescription": "age-encrypted file",
                "UTTypeConformsTo": ["public.data"],
                "UTTypeTagSpecification": {"public.filename-extension": ["age"]},
            }
        ],
    }


def minimum_macos_from_wheel(wheel_metadata: str) -> str | None:
    """The oldest macOS a wheel runs on, from its ``Tag: …-macosx_13_0_universal2`` lines."""
    versions = [
        (int(major), int(minor))
        for major, minor in re.findall(r"^Tag: \S+-macosx_(\d+)_(\d+)_\w+$", wheel_metadata, re.M)
    ]
    if not versions:
        return None
    major, minor = min(versions)
    return f"{major}.{minor}"


def qt_minimum_macos() -> str:
    """The oldest macOS the installed Qt runs on: the app cannot start on anything older."""
    from importlib.metadata import PackageNotFoundError, distribution

    try:
        wheel = distribution("PySide6-Essentials").read_text("WHEEL") or ""
    except PackageNotFoundError:
        wheel = ""
    return minimum_macos_from_wheel(wheel) or FALLBACK_MINIMUM_MACOS
