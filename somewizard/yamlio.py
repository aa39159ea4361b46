"""Safe YAML reading that remembers the line of every value, and atomic writing."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from functools import cache
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

from .errors import InputError

if TYPE_CHECKING:  # PyYAML is imported when YAML is first read or written
    import yaml

MAX_BYTES = 1_000_000
"""Largest answers or preset file we read (1 MB); a real one is a few kB."""
MAX_NODES = 50_000
"""Most YAML values in one file, counting every alias expansion (stops alias bombs)."""

MAX_INT_BITS = 10_000
"""Largest whole number we read (about 3,000 digits); longer ones cannot even be printed."""

Key = tuple[str | int, ...]
LineMap = dict[Key, int]


def read_text(path: Path) -> str:
    """Read a UTF-8 text file for parsing, with one-line errors for every way it can fail."""
    name = str(path)
    try:
        if not path.exists():
            raise InputError("file not found", file=name, hint="check the path")
        if path.is_dir():
            raise InputError("is a directory, not a file", file=name)
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})", file=name
            )
        # Read at most one byte past the limit: a device, pipe or growing file reports a
        # size of 0 (or too small) and could otherwise be read without end (/dev/zero).
        with path.open("rb") as fh:
            raw = fh.read(MAX_BYTES + 1)
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=name) from None
    if len(raw) > MAX_BYTES:
        raise InputError(f"file is too large (the limit is {MAX_BYTES:,} bytes)", file=name)
    if b"\x00" in raw:
        raise InputError("is a binary file, not YAML text", file=name)
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise InputError(
            "text is not UTF-8", file=name, line=line, hint="save the file as UTF-8"
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
            raise InputError(f"not valid YAML: {problem}", file=name, line=line) from None
        except yaml.YAMLError as exc:
            raise InputError(f"not valid YAML: {exc}", file=name) from None
        except RecursionError:
            raise InputError("YAML is nested too deeply", file=name, line=loader.line + 1) from None
        lines: LineMap = {}
        if node is None:
            return None, lines
        counter = [0, 0]  # values built so far, furthest line reached
        try:
            data = _build(loader, node, (), lines, counter, name)
        except RecursionError:  # an alias inside itself (&a [*a]), or deep after all
            raise InputError("YAML is nested too deeply", file=name, line=counter[1]) from None
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
            f"too many values (over {MAX_NODES:,}, counting aliases)", file=name, line=count[1]
        )
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        if node.tag not in ("tag:yaml.org,2002:map",):
            _bad_tag(node, name)
        try:
            loader.flatten_mapping(node)
        except yaml.MarkedYAMLError as exc:  # a merge key (<<) that names no mapping
            mark = exc.problem_mark or node.start_mark
            raise InputError(
                f"not valid YAML: {exc.problem or 'bad merge key'}", file=name, line=mark.line + 1
            ) from None
        out: dict[Any, Any] = {}
        for key_node, value_node in node.value:
            k = _build(loader, key_node, (*key, "?"), lines, count, name)
            if not isinstance(k, (str, int, bool)) or isinstance(k, bool):
                raise InputError(
                    "keys must be plain words", file=name, line=key_node.start_mark.line + 1
                )
            sub = (*key, k)
            lines[sub] = key_node.start_mark.line + 1
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
        ) from None
    except RecursionError:
        raise  # deep nesting is reported by load_yaml, not as a bad value
    except Exception as exc:  # !!bool maybe (KeyError), !!timestamp x (AttributeError), ...
        raise InputError(
            f"bad value for {_short_tag(node.tag)}: {_shorten(str(node.value))!r}"
            + (f" ({exc})" if isinstance(exc, (ValueError, OverflowError)) else ""),
            file=name,
            line=node.start_mark.line + 1,
        ) from None
    if isinstance(value, int) and value.bit_length() > MAX_INT_BITS:
        # 0xFFFF... can be far longer than Python will print (and so crash any message)
        raise InputError(
            "number is too large",
            file=name,
            line=node.start_mark.line + 1,
            hint="put it in quotes if it is text",
        )
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


@contextmanager
def atomic_writer(path: Path, *, force: bool, binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one step.

    An existing file is only replaced when ``force`` is true. On any error the temporary
    file is removed and the old file, if any, is left as it was.
    """
    name = str(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:  # is_dir() and exists() still raise for e.g. a name that is too long
        if path.is_dir():
            raise InputError("is a directory; give a file name", file=name)
        if path.exists() and not force:
            raise InputError("file exists", file=name, hint="use --force to replace it")
        if not folder.is_dir():
            raise InputError(f"folder {str(folder)!r} does not exist", file=name)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", file=name) from None
    try:
        from tempfile import mkstemp

        fd, tmp = mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", file=name) from None
    try:
        with os.fdopen(fd, "wb") if binary else os.fdopen(fd, "w", encoding="utf-8") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o644 & ~_umask())
        os.replace(tmp, path)
    except OSError as exc:
        _remove(tmp)
        raise InputError(f"cannot write file: {exc.strerror or exc}", file=name) from None
    except BaseException:
        _remove(tmp)
        raise


def write_atomic(path: Path, data: bytes | str, *, force: bool) -> None:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_writer`)."""
    with atomic_writer(path, force=force, binary=isinstance(data, bytes)) as fh:
        fh.write(data)


def _umask() -> int:
    """The process umask, read without changing it for long."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _remove(path: str) -> None:
    """Remove a temporary file, ignoring that it may already be gone."""
    try:
        os.unlink(path)
    except OSError:
        pass
