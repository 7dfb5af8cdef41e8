"""`graph-api load <kind>`: which parser and writer serve each kind, and which release source it fills."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from graph_api.graph import Graph
from graph_api.model import init_schema
from loaders import aoc, gem, mue, ptp, sample
from loaders.errors import LoadError
from loaders.progress import Progress
from loaders.release import Batcher, LoadSummary, load_release

KINDS = ("sample", "aoc", "ptp", "mue", "gem")


def _label(paths: Sequence[Path], label: str | None) -> str:
    return label or "+".join(p.stem for p in paths)


def _existing(paths: Sequence[Path]) -> list[Path]:
    for path in paths:
        if not path.is_file():
            raise LoadError(path, None, None, "a readable file")
    return list(paths)


async def load(
    graph: Graph,
    kind: str,
    paths: Sequence[Path] = (),
    *,
    setting: str | None = None,
    direction: str | None = None,
    label: str | None = None,
    progress: bool = False,
) -> list[LoadSummary]:
    await init_schema(graph)
    bar = Progress(f"load {kind}") if progress else None
    if bar:
        bar.__enter__()
    try:
        return await _load(graph, kind, _existing(paths), setting, direction, label, bar)
    finally:
        if bar:
            bar.__exit__(None, None, None)


async def _load(
    graph: Graph,
    kind: str,
    paths: list[Path],
    setting: str | None,
    direction: str | None,
    label: str | None,
    bar: Progress | None,
) -> list[LoadSummary]:
    if kind == "sample":
        parsed = sample.parse_sample()

        async def write_sample(b: Batcher) -> None:
            await sample.write_sample(b, parsed)

        return [
            await load_release(
                graph,
                source=sample.SOURCE,
                label=parsed.label,
                files=[sample.SAMPLE_PATH],
                write=write_sample,
                progress=bar,
            )
        ]
    if not paths:
        raise LoadError(kind, None, None, "at least one file to load")
    if kind == "aoc":

        async def write_aoc(b: Batcher) -> None:
            for path in paths:
                await aoc.write_add_on_edits(b, aoc.parse_aoc(path))

        return [
            await load_release(
                graph, source="ncci_aoc", label=_label(paths, label), files=paths, write=write_aoc, progress=bar
            )
        ]
    if kind in {"ptp", "mue"}:
        module = ptp if kind == "ptp" else mue
        chosen = setting or (mue.setting_of_file(paths[0]) if kind == "mue" else None) or "practitioner"
        if chosen not in module.SETTINGS:
            raise LoadError(kind, None, "--setting", f"one of {', '.join(module.SETTINGS)}", chosen)

        async def write_edits(b: Batcher) -> None:
            for path in paths:
                if kind == "ptp":
                    await ptp.write_ptp_edits(b, ptp.parse_ptp(path), chosen)
                else:
                    await mue.write_mue_edits(b, mue.parse_mue(path), chosen)

        return [
            await load_release(
                graph,
                source=f"ncci_{kind}/{chosen}",
                label=_label(paths, label),
                files=paths,
                write=write_edits,
                staged=kind == "ptp",
                progress=bar,
            )
        ]
    if kind == "gem":
        summaries = []
        for path in paths:
            chosen = direction or gem.detect_direction(path)
            if chosen not in gem.DIRECTIONS:
                raise LoadError(path, None, "--direction", f"one of {', '.join(gem.DIRECTIONS)}", chosen)

            async def write_gem(b: Batcher, path: Path = path, chosen: str = chosen) -> None:
                await gem.write_gem_entries(b, gem.parse_gem(path), chosen)

            summaries.append(
                await load_release(
                    graph,
                    source=f"gem/{chosen}",
                    label=_label([path], label),
                    files=[path],
                    write=write_gem,
                    progress=bar,
                )
            )
        return summaries
    raise LoadError(kind, None, "kind", f"one of {', '.join(KINDS)}", kind)
