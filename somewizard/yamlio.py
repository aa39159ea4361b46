"""Safe YAML reading that remembers the line of every value, and atomic writing."""

from __future__ import annotations

import datetime as dt
import os
import stat as _stat
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import FORBIDDEN, InputError, Words, number, os_reason, quoted, words

if TYPE_CHECKING:  # PyYAML is imported when YAML is first read or written
    import yaml

MAX_BYTES = 1_000_000
"""Largest answers or preset file we read (1 MB); a real one is a few kB."""
MAX_NODES = 50_000
"""Most YAML values in one file, counting every alias expansion (stops alias bombs)."""

MAX_INT_BITS = 10_000
"""Largest whole number we read (about 3,000 digits); longer ones cannot even be printed."""

MAX_TEXT = 2_000_000
"""Most characters of text in one file, counting every alias expansion (stops text bombs)."""

Key = tuple[str | int, ...]


class LineMap(dict[Key, int]):
    """The line of every mapping key and list item; ``raw`` holds what plain scalars say.

    YAML 1.1 reads ``version: 1.10`` as the number 1.1 and ``phone: 0701234567`` as an
    octal number; ``raw`` keeps such a value as it is written, for the answers that are text.
    """

    def __init__(self) -> None:
        super().__init__()
        self.raw: dict[Key, str] = {}


def _cannot_read(what: str, name: str, thing: Words, exc: OSError) -> InputError:
    """The error for a file the system would not let us read (in both languages)."""
    return InputError(
        f"cannot read {what}: {exc.strerror or exc}",
        file=name,
        code="cannot_read",
        values={"what": thing, "reason": os_reason(exc)},
    )


def read_bytes(path: Path, what: str = "file", limit: int = MAX_BYTES) -> bytes:
    """Read a regular file of at most ``limit`` bytes, with one-line errors for every way it fails.

    Anything that is not a regular file (a folder, a pipe, a device, a socket) is refused
    before it is opened, so reading never blocks; a link is followed, and a link that
    leads nowhere or round in a loop is named as such.
    """
    name = str(path)
    thing = words(f"what.{what}") if what in ("file", "template") else quoted(what)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        if os.path.lexists(path):
            raise InputError(
                f"is a link to a {what} that does not exist",
                file=name,
                code="link_missing",
                values={"what": thing},
            ) from None
        raise InputError(
            f"{what} not found",
            file=name,
            hint="check the path",
            code="not_found",
            values={"what": thing},
        ) from None
    except OSError as exc:
        raise _cannot_read(what, name, thing, exc) from None
    if _stat.S_ISDIR(st.st_mode):
        raise InputError(f"is a directory, not a {what}", file=name, code="is_dir")
    if not _stat.S_ISREG(st.st_mode):
        raise InputError(
            "is not a regular file (a device, pipe or socket)", file=name, code="not_regular"
        )
    if st.st_size > limit:
        raise InputError(
            f"{what} is too large ({st.st_size:,} bytes; the limit is {limit:,})",
            file=name,
            code="too_large",
            values={"what": thing, "limit": number(limit)},
        )
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
        with os.fdopen(fd, "rb") as fh:
            if not _stat.S_ISREG(os.fstat(fh.fileno()).st_mode):  # swapped since the check
                raise InputError(
                    f"is not a regular file, not a {what}", file=name, code="not_regular"
                )
            # At most one byte past the limit: a file that grows while it is read.
            raw = fh.read(limit + 1)
    except OSError as exc:
        raise _cannot_read(what, name, thing, exc) from None
    if len(raw) > limit:
        raise InputError(
            f"{what} is too large (the limit is {limit:,} bytes)",
            file=name,
            code="too_large",
            values={"what": thing, "limit": number(limit)},
        )
    return raw


def read_text(path: Path) -> str:
    """Read a UTF-8 text file for parsing (see :func:`read_bytes`)."""
    name = str(path)
    raw = read_bytes(path)
    if b"\x00" in raw:
        raise InputError("is a binary file, not YAML text", file=name, code="binary")
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "text is not UTF-8",
            file=name,
            line=line,
            hint="save the file as UTF-8",
            code="not_utf8",
        ) from None


def load_yaml(text: str, name: str) -> tuple[Any, LineMap]:
    """Parse YAML safely; return the data and the line of every mapping key and list item.

    libyaml (``CSafeLoader``) parses when PyYAML has it: about eight times faster. Any
    failure is parsed again by the pure-Python ``SafeLoader``, whose messages are the ones
    the user sees, so the wording of an error never depends on how PyYAML was built.
    """
    import yaml

    fast = getattr(yaml, "CSafeLoader", None)
    if fast is not None:
        try:
            return _load(fast, text, name)
        except Exception:
            pass
    return _load(yaml.SafeLoader, text, name)


def _load(loader_class: type[yaml.SafeLoader], text: str, name: str) -> tuple[Any, LineMap]:
    """:func:`load_yaml` with one loader class."""
    import yaml

    try:
        loader = loader_class(text)
    except yaml.reader.ReaderError as exc:
        # a control character such as \x07 or \ufffe, refused before parsing starts
        at_line = text[: exc.position].count("\n") + 1
        char = f"U+{exc.character:04X}" if isinstance(exc.character, int) else repr(exc.character)
        raise InputError(
            f"not valid YAML: the character {char} is not allowed",
            file=name,
            line=at_line,
            hint="remove the control character",
            code="bad_char",
            values={"char": char},
        ) from None
    try:
        try:
            node = loader.get_single_node()
        except yaml.MarkedYAMLError as exc:
            mark = exc.problem_mark or exc.context_mark
            if mark and exc.context_mark and mark.line >= len(text.splitlines()):
                mark = exc.context_mark  # an error at the end: say where the open part began
            line = mark.line + 1 if mark else None
            problem = exc.problem or exc.context or "cannot parse"
            raise InputError(
                f"not valid YAML: {problem}", file=name, line=line, code="not_yaml"
            ) from None
        except yaml.YAMLError as exc:
            raise InputError(f"not valid YAML: {exc}", file=name, code="not_yaml") from None
        except RecursionError:
            raise InputError(
                "YAML is nested too deeply", file=name, line=loader.line + 1, code="too_deep"
            ) from None
        lines = LineMap()
        if node is None:
            return None, lines
        counter = [0, 0, 0]  # values built so far, furthest line reached, characters of text
        try:
            data = _build(loader, node, (), lines, counter, name)
        except RecursionError:  # an alias inside itself (&a [*a]), or deep after all
            raise InputError(
                "YAML is nested too deeply", file=name, line=counter[1], code="too_deep"
            ) from None
        return data, lines
    finally:
        loader.dispose()


def _build(
    loader: yaml.SafeLoader, node: yaml.Node, key: Key, lines: LineMap, count: list[int], name: str
) -> Any:
    """Turn one YAML node into plain Python data, recording lines and refusing unsafe tags."""
    import yaml

    count[0] += 1
    # An alias is the very node it names, so its own line is the anchor's; the furthest
    # line reached so far is where the expansion happens.
    count[1] = max(count[1], node.start_mark.line + 1)
    if count[0] > MAX_NODES:
        raise InputError(
            f"too many values (over {MAX_NODES:,}, counting aliases)",
            file=name,
            line=count[1],
            code="too_many",
            values={"limit": number(MAX_NODES)},
        )
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        if node.tag not in ("tag:yaml.org,2002:map",):
            _bad_tag(node, name)
        explicit = {id(k) for k, _ in node.value if k.tag != "tag:yaml.org,2002:merge"}
        try:
            loader.flatten_mapping(node)
        except yaml.MarkedYAMLError as exc:  # a merge key (<<) that names no mapping
            mark = exc.problem_mark or node.start_mark
            raise InputError(
                f"not valid YAML: {exc.problem or 'bad merge key'}",
                file=name,
                line=mark.line + 1,
                code="not_yaml",
            ) from None
        out: dict[Any, Any] = {}
        first: dict[Any, int] = {}
        for key_node, value_node in node.value:
            k = _build(loader, key_node, (*key, "?"), lines, count, name)
            if not isinstance(k, (str, int, bool)) or isinstance(k, bool):
                raise InputError(
                    "keys must be plain words",
                    file=name,
                    line=key_node.start_mark.line + 1,
                    code="key_not_word",
                )
            sub = (*key, k)
            at = key_node.start_mark.line + 1
            if id(key_node) in explicit:
                # A key given twice would silently lose its first value; one given by a
                # merge (<<) and then again here is the usual way to override it.
                if k in first:
                    dotted = ".".join(str(p) for p in sub)
                    raise InputError(
                        f"duplicate key (first on line {first[k]})",
                        file=name,
                        line=at,
                        field=dotted,
                        code="duplicate",
                        values={"first": str(first[k])},
                    )
                first[k] = at
            lines[sub] = at
            out[k] = _build(loader, value_node, sub, lines, count, name)
        return out
    if isinstance(node, yaml.SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            _bad_tag(node, name)
        return [
            _build(loader, item, (*key, i), lines, count, name) for i, item in enumerate(node.value)
        ]
    if node.tag in ("tag:yaml.org,2002:merge", "tag:yaml.org,2002:value"):
        return node.value  # a value that is just "<<" or "=": plain text, not a merge
    if node.tag not in loader.yaml_constructors:
        _bad_tag(node, name)
    try:
        value = loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError as exc:
        if node.tag in ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq"):
            _bad_tag(node, name)  # e.g. !!map on plain text
        raise InputError(
            f"bad value for {_short_tag(node.tag)}: {exc.problem or 'cannot read it'}",
            file=name,
            line=node.start_mark.line + 1,
            code="bad_value",
            values={"tag": _short_tag(node.tag), "value": _shorten(str(node.value))},
        ) from None
    except RecursionError:
        raise  # deep nesting is reported by load_yaml, not as a bad value
    except ValueError:
        implicit = ("tag:yaml.org,2002:int", "tag:yaml.org,2002:timestamp")
        if node.tag in implicit and not getattr(node, "style", None):
            # a plain 2026-13-45, or more digits than Python turns into a number: the text
            # as written; the answer it is for says whether that will do
            return node.value
        raise InputError(
            f"bad value for {_short_tag(node.tag)}: {_shorten(str(node.value))!r}",
            file=name,
            line=node.start_mark.line + 1,
            code="bad_value",
            values={"tag": _short_tag(node.tag), "value": _shorten(str(node.value))},
        ) from None
    except Exception as exc:  # !!bool maybe (KeyError), !!timestamp x (AttributeError), ...
        raise InputError(
            f"bad value for {_short_tag(node.tag)}: {_shorten(str(node.value))!r}"
            + (f" ({exc})" if isinstance(exc, (ValueError, OverflowError)) else ""),
            file=name,
            line=node.start_mark.line + 1,
            code="bad_value",
            values={"tag": _short_tag(node.tag), "value": _shorten(str(node.value))},
        ) from None
    at = node.start_mark.line + 1
    if isinstance(value, str):
        if bad := FORBIDDEN.search(value):
            raise InputError(
                f"the text holds the character U+{ord(bad.group()):04X}, which an answer may not hold",
                file=name,
                line=at,
                hint="control characters, lone surrogates and bidi controls are refused",
                code="forbidden_char",
                values={"char": f"U+{ord(bad.group()):04X}"},
            )
        count[2] += len(value)
        if count[2] > MAX_TEXT:
            raise InputError(
                f"too much text (over {MAX_TEXT:,} characters, counting aliases)",
                file=name,
                line=at,
                code="too_much_text",
                values={"limit": number(MAX_TEXT)},
            )
    elif not getattr(node, "style", None) and isinstance(value, (bool, int, float, dt.date)):
        lines.raw[key] = node.value  # a plain 1.10, 0701234567 or yes, as written
        if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
            return node.value  # 0xFFFF... longer than Python will print: keep the text
    return value


def _short_tag(tag: str) -> str:
    """``tag:yaml.org,2002:bool`` as ``!!bool``."""
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag


def _shorten(text: str, limit: int = 40) -> str:
    """At most ``limit`` characters of a value, for an error message."""
    return text if len(text) <= limit else text[: limit - 3] + "..."


def _bad_tag(node: yaml.Node, name: str) -> None:
    """Refuse a tag that safe YAML does not know (``!!python/object`` and friends)."""
    raise InputError(
        f"the tag {node.tag!r} is not allowed",
        file=name,
        line=node.start_mark.line + 1,
        hint="answers files hold plain text, numbers, lists and mappings only",
        code="bad_tag",
        values={"tag": str(node.tag)},
    )


@cache
def _dumper() -> type[yaml.SafeDumper]:
    """SafeDumper that keeps a NEL (U+0085) in text when the text is read back."""
    import yaml

    def represent_str(dumper: yaml.SafeDumper, text: str) -> yaml.ScalarNode:
        # With allow_unicode PyYAML writes U+0085 raw inside '...' or a plain scalar, where a
        # reader folds it, a line break, into a space; in "..." it is written as \N instead.
        style = '"' if "\x85" in text else None
        return dumper.represent_scalar("tag:yaml.org,2002:str", text, style=style)

    class Dumper(yaml.SafeDumper):
        pass

    Dumper.add_representer(str, represent_str)
    return Dumper


def dump_yaml(data: Any) -> str:
    """Serialise plain data as readable, round-trippable YAML."""
    import yaml

    return yaml.dump(
        data,
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=88,
    )


def check_target(path: Path, *, force: bool) -> os.stat_result | None:
    """Refuse an output path that is not a new name or, with ``force``, a regular file.

    A symbolic link counts as what is at the path: with ``force`` the link itself is
    replaced by the new file and its target is never written; a link to anything but a
    regular file (a device, a pipe, a folder) is refused like the thing itself. Returns the
    status of the regular file that will be replaced, or None.
    """
    name = str(path)
    if os.path.isdir(path):
        raise InputError("is a directory; give a file name", file=name, code="target_is_dir")
    if name.endswith(("/", os.sep)) or path.name in ("", ".", ".."):
        raise InputError(
            "is a folder name; give a file name, like policy.docx", file=name, code="folder_name"
        )
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        st = None
    except OSError as exc:
        raise cannot_write(exc, name) from None
    except ValueError:  # a NUL in the name
        raise InputError("is not a usable file name", file=name, code="bad_name") from None
    if st is not None and _stat.S_ISLNK(st.st_mode):
        try:
            target = os.stat(path)
        except FileNotFoundError:
            target = None  # a dangling link
        except OSError as exc:
            raise InputError(
                f"is a link that cannot be followed: {exc.strerror}",
                file=name,
                code="link_unfollowable",
                values={"reason": os_reason(exc)},
            ) from None
        if target is not None and not _stat.S_ISREG(target.st_mode):
            raise InputError(
                "is a link to something that is not a regular file",
                file=name,
                code="link_not_file",
            )
        if not force:
            raise InputError(
                "a link of that name exists",
                file=name,
                hint="use --force to replace the link (its target is left alone)",
                code="link_exists",
            )
        return None
    if st is not None:
        if _stat.S_ISDIR(st.st_mode):
            raise InputError("is a directory; give a file name", file=name, code="target_is_dir")
        if not _stat.S_ISREG(st.st_mode):
            raise InputError(
                "is not a regular file (a device, pipe or socket); give another name",
                file=name,
                code="target_not_regular",
            )
        if not force:
            raise _exists(name)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        if not folder.is_dir():
            raise InputError(
                f"folder {str(folder)!r} does not exist",
                file=name,
                code="no_folder",
                values={"folder": str(folder)},
            )
    except OSError as exc:
        raise cannot_write(exc, name) from None
    return st


def cannot_write(exc: OSError, name: str) -> InputError:
    """The error for a file that cannot be made where it was asked for."""
    return InputError(
        f"cannot write here: {exc.strerror or exc}",
        file=name,
        code="cannot_write",
        values={"reason": os_reason(exc)},
    )


def _exists(name: str) -> InputError:
    return InputError("file exists", file=name, hint="use --force to replace it", code="exists")


@contextmanager
def atomic_writer(path: Path, *, force: bool, binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it takes ``path``'s place in one step.

    Only a new name, or with ``force`` a regular file (or a link, see :func:`check_target`),
    is ever replaced; a replaced file keeps its permissions. Without ``force`` the final
    name is created exclusively, so of two writers racing for one new name only one wins.
    On any error, or an interruption, the temporary file is removed and the old file, if
    any, is left as it was. The process umask is never changed (other threads may be making
    files at the same time); a new file gets the usual 0666 less the umask.
    """
    name = str(path)
    existing = check_target(path, force=force)
    folder = path.parent if str(path.parent) else Path(".")
    import secrets

    # A short name of our own: a temp name built from a long output name would be longer
    # than a file name may be.
    tmp = str(folder / f".somewizard-{secrets.token_hex(6)}.tmp")
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(tmp, flags, 0o666)
    except OSError as exc:
        raise cannot_write(exc, name) from None
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        if existing is not None:
            os.chmod(tmp, _stat.S_IMODE(existing.st_mode))
        if force:
            check_target(path, force=True)  # still a regular file, a link or nothing
            os.replace(tmp, path)
        else:
            _link_new(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise InputError(
            f"cannot write file: {exc.strerror or exc}",
            file=name,
            code="write_failed",
            values={"reason": os_reason(exc)},
        ) from None
    except BaseException:
        _remove(tmp)
        raise


def _link_new(tmp: str, path: Path) -> None:
    """Give ``tmp`` the name ``path`` only if no file has it: ``file exists`` otherwise."""
    try:
        os.link(tmp, path)
    except FileExistsError:
        raise _exists(str(path)) from None
    except OSError:  # a file system without hard links: claim the name, then move in
        try:
            os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))
        except FileExistsError:
            raise _exists(str(path)) from None
        os.replace(tmp, path)
        return
    os.unlink(tmp)


def write_atomic(path: Path, data: bytes | str, *, force: bool) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path, force=force, binary=isinstance(data, bytes)) as fh:
        fh.write(data)


def _remove(path: str) -> None:
    """Remove a temporary file, ignoring that it may already be gone."""
    try:
        os.unlink(path)
    except OSError:
        pass
