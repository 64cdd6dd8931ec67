"""Write the WiX fragment that lists every file of the one-folder build.

    python installers/windows/harvest_wxs.py dist/pyinstaller/wellbeing-desktop build/files.wxs
    python installers/windows/harvest_wxs.py --skip-links PAYLOAD OUT.wxs   (a Linux payload)

The fragment defines ComponentGroup "AppFiles" under the directory INSTALLDIR,
which wellbeing-desktop.wxs declares. File sources are written as
``$(var.PayloadDir)/relative/path``, so candle/light (or wixl) get the folder with
``-dPayloadDir=...``.

One component per folder, because this is a per-user install into the user's
profile: there a component's key path must be a registry value under HKCU, not a
file (ICE38), and every folder needs a RemoveFolder entry (ICE64). Component GUIDs
are derived from the folder's path, so the same folder keeps its GUID from build to
build. Only the standard library is used: it runs on Windows CI and on Linux.
"""

from __future__ import annotations

import hashlib
import sys
import uuid
from pathlib import Path
from xml.sax.saxutils import quoteattr

# Never change: the GUIDs of every released component derive from it.
GUID_NAMESPACE = uuid.UUID("75cb8f91-ea6a-49ff-ac47-1955a526a7d0")
REGISTRY_KEY = r"Software\WellbeingDesktop\Installer\Components"


def ident(prefix: str, relative: str) -> str:
    """A WiX identifier (at most 72 characters, letters, digits, _ and .) for a path."""
    return f"{prefix}_{hashlib.sha1(relative.encode('utf-8')).hexdigest()[:24]}"


def source(relative: str) -> str:
    return "$(var.PayloadDir)/" + relative.replace("$", "$$")


def entries(folder: Path) -> list[Path]:
    return sorted((p for p in folder.iterdir() if not p.is_symlink()), key=lambda p: p.name)


def directory_xml(folder: Path, root: Path, depth: int) -> list[str]:
    relative = folder.relative_to(root).as_posix() if folder != root else ""
    pad = "  " * depth
    lines: list[str] = []
    directory_id = "INSTALLDIR" if folder == root else ident("dir", relative)
    if folder != root:
        lines.append(f"{pad}<Directory Id={quoteattr(directory_id)} Name={quoteattr(folder.name)}>")
    inner = pad + ("  " if folder != root else "")
    component = ident("cmp", relative or ".")
    guid = uuid.uuid5(GUID_NAMESPACE, "component:" + (relative or ".")).hex.upper()
    guid = f"{guid[:8]}-{guid[8:12]}-{guid[12:16]}-{guid[16:20]}-{guid[20:]}"
    lines.append(f"{inner}<Component Id={quoteattr(component)} Guid={quoteattr(guid)}>")
    lines.append(
        f'{inner}  <RegistryValue Root="HKCU" Key={quoteattr(REGISTRY_KEY)} '
        f'Name={quoteattr(relative or ".")} Type="integer" Value="1" KeyPath="yes"/>'
    )
    remove_id = quoteattr(ident("rmf", relative or "."))
    lines.append(f'{inner}  <RemoveFolder Id={remove_id} On="uninstall"/>')
    children = entries(folder)
    for child in children:
        if child.is_file():
            rel = child.relative_to(root).as_posix()
            lines.append(
                f"{inner}  <File Id={quoteattr(ident('fil', rel))} Name={quoteattr(child.name)} "
                f"Source={quoteattr(source(rel))}/>"
            )
    lines.append(f"{inner}</Component>")
    for child in children:
        if child.is_dir():
            lines += directory_xml(child, root, depth + (1 if folder != root else 0))
    if folder != root:
        lines.append(f"{pad}</Directory>")
    return lines


def component_ids(folder: Path, root: Path) -> list[str]:
    relative = folder.relative_to(root).as_posix() if folder != root else ""
    ids = [ident("cmp", relative or ".")]
    for child in entries(folder):
        if child.is_dir():
            ids += component_ids(child, root)
    return ids


def fragment(root: Path, *, skip_links: bool = False) -> str:
    links = [p for p in root.rglob("*") if p.is_symlink()]
    if links and not skip_links:
        raise SystemExit(f"{root} has {len(links)} symbolic links, which an MSI cannot install")
    lines = [
        '<?xml version="1.0" encoding="utf-8"?>',
        "<!-- Written by installers/windows/harvest_wxs.py from the one-folder build. -->",
        '<Wix xmlns="http://schemas.microsoft.com/wix/2006/wi">',
        "  <Fragment>",
        '    <DirectoryRef Id="INSTALLDIR">',
        *directory_xml(root, root, 3),
        "    </DirectoryRef>",
        "  </Fragment>",
        "  <Fragment>",
        '    <ComponentGroup Id="AppFiles">',
        *(f"      <ComponentRef Id={quoteattr(c)}/>" for c in component_ids(root, root)),
        "    </ComponentGroup>",
        "  </Fragment>",
        "</Wix>",
    ]
    return "\n".join(lines) + "\n"


def main(argv: list[str]) -> int:
    # PyInstaller's Linux builds link some libraries into the top folder; an MSI has no
    # links, and a Windows build has none. --skip-links is for validating on Linux.
    skip_links = "--skip-links" in argv
    argv = [a for a in argv if a != "--skip-links"]
    if len(argv) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    root, out = Path(argv[0]).resolve(), Path(argv[1])
    if not root.is_dir():
        print(f"{root} is not a folder", file=sys.stderr)
        return 2
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(fragment(root, skip_links=skip_links), encoding="utf-8")
    files = sum(1 for p in root.rglob("*") if p.is_file() and not p.is_symlink())
    print(f"{out}: {files} files in {len(component_ids(root, root))} components")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
