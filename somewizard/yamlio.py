"""Safe YAML reading that remembers the line of every value, and atomic writing."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO, Any

import yaml

from .errors import InputError

MAX_BYTES = 1_000_000
"""Largest answers or preset file we read (1 MB); a real one is a few kB."""
MAX_NODES = 50_000
"""Most YAML values in one file, counting every alias expansion (stops alias bombs)."""

Key = tuple[str | int, ...]
LineMap = dict[Key, int]


def read_text(path: Path) -> str:
    """Read a UTF-8 text file for parsing, with one-line errors for every way it can fail."""
    name = str(path)
    if not path.exists():
        raise InputError("file not found", file=name, hint="check the path")
    if path.is_dir():
        raise InputError("is a directory, not a file", file=name)
    try:
        size = path.stat().st_size
        if size > MAX_BYTES:
            raise InputError(
                f"file is too large ({size:,} bytes; the limit is {MAX_BYTES:,})", file=name
            )
        raw = path.read_bytes()
    except OSError as exc:
        raise InputError(f"cannot read file: {exc.strerror or exc}", file=name) from None
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
    """Parse YAML safely; return the data and the line of every mapping key and list item."""
    loader = yaml.SafeLoader(text)
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
            raise InputError("YAML is nested too deeply", file=name) from None
        lines: LineMap = {}
        if node is None:
            return None, lines
        counter = [0]
        try:
            data = _build(loader, node, (), lines, counter, name)
        except RecursionError:
            raise InputError("YAML is nested too deeply", file=name) from None
        return data, lines
    finally:
        loader.dispose()


def _build(
    loader: yaml.SafeLoader, node: yaml.Node, key: Key, lines: LineMap, count: list[int], name: str
) -> Any:
    """Turn one YAML node into plain Python data, recording lines and refusing unsafe tags."""
    count[0] += 1
    if count[0] > MAX_NODES:
        raise InputError(
            f"too many values (over {MAX_NODES:,}, counting aliases)",
            file=name,
            line=node.start_mark.line + 1,
        )
    lines.setdefault(key, node.start_mark.line + 1)
    if isinstance(node, yaml.MappingNode):
        if node.tag not in ("tag:yaml.org,2002:map",):
            _bad_tag(node, name)
        loader.flatten_mapping(node)
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
    try:
        return loader.construct_object(node, deep=True)
    except yaml.constructor.ConstructorError:
        _bad_tag(node, name)
    except (ValueError, TypeError, OverflowError) as exc:
        raise InputError(f"bad value: {exc}", file=name, line=node.start_mark.line + 1) from None


def _bad_tag(node: yaml.Node, name: str) -> None:
    """Refuse a tag that safe YAML does not know (``!!python/object`` and friends)."""
    raise InputError(
        f"the tag {node.tag!r} is not allowed",
        file=name,
        line=node.start_mark.line + 1,
        hint="answers files hold plain text, numbers, lists and mappings only",
    )


def dump_yaml(data: Any) -> str:
    """Serialise plain data as readable, round-trippable YAML."""
    return yaml.safe_dump(
        data, allow_unicode=True, sort_keys=False, default_flow_style=False, width=88
    )


@contextmanager
def atomic_writer(path: Path, *, force: bool, binary: bool = False) -> Iterator[IO[Any]]:
    """Open a temporary file beside ``path``; on success it replaces ``path`` in one step.

    An existing file is only replaced when ``force`` is true. On any error the temporary
    file is removed and the old file, if any, is left as it was.
    """
    name = str(path)
    if path.is_dir():
        raise InputError("is a directory; give a file name", file=name)
    if path.exists() and not force:
        raise InputError("file exists", file=name, hint="use --force to replace it")
    folder = path.parent if str(path.parent) else Path(".")
    if not folder.is_dir():
        raise InputError(f"folder {str(folder)!r} does not exist", file=name)
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", file=name) from None
    try:
        with os.fdopen(fd, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) as fh:
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
