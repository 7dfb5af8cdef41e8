"""`graph-api load <kind>`: which parser and writer serve each kind, and which release source it fills."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from graph_api.graph import Graph
from graph_api.model import init_schema
from loaders import (
    addenda,
    aoc,
    cpt,
    gem,
    guidelines,
    hcpcs,
    icd9,
    icd10cm,
    icd10cm_index,
    icd10cm_tabular,
    icd10pcs,
    mue,
    pfs,
    ptp,
    sample,
)
from loaders.codeset import CodeEntry, write_code_entries
from loaders.errors import LoadError
from loaders.progress import Progress
from loaders.release import Batcher, LoadSummary, load_release

KINDS = ("sample", "aoc", "ptp", "mue", "gem", "hcpcs", "icd10cm", "icd10pcs", "icd9cm", "cpt", "pfs", "guidelines")


@dataclass(frozen=True)
class Request:
    graph: Graph
    kind: str
    paths: list[Path]
    setting: str | None
    direction: str | None
    label: str | None
    format: str | None
    bar: Progress | None

    def label_for(self, paths: Sequence[Path]) -> str:
        return self.label or "+".join(p.stem for p in paths)

    async def release(
        self,
        source: str,
        write: Callable[[Batcher], Awaitable[None]],
        paths: Sequence[Path] | None = None,
        **options: bool,
    ) -> LoadSummary:
        files = list(paths if paths is not None else self.paths)
        return await load_release(
            self.graph,
            source=source,
            label=self.label_for(files),
            files=files,
            write=write,
            progress=self.bar,
            **options,
        )


async def load(
    graph: Graph,
    kind: str,
    paths: Sequence[Path] = (),
    *,
    setting: str | None = None,
    direction: str | None = None,
    label: str | None = None,
    format: str | None = None,
    progress: bool = False,
) -> list[LoadSummary]:
    if kind not in KINDS:
        raise LoadError(kind, None, "kind", f"one of {', '.join(KINDS)}", kind)
    for path in paths:
        if not path.is_file():
            raise LoadError(path, None, None, "a readable file")
    if kind != "sample" and not paths:
        raise LoadError(kind, None, None, "at least one file to load")
    await init_schema(graph)
    bar = Progress(f"load {kind}") if progress else None
    request = Request(graph, kind, list(paths), setting, direction, label, format, bar)
    if bar:
        bar.__enter__()
    try:
        return await _HANDLERS[kind](request)
    finally:
        if bar:
            bar.__exit__(None, None, None)


async def _sample(r: Request) -> list[LoadSummary]:
    parsed = sample.parse_sample()

    async def write(b: Batcher) -> None:
        await sample.write_sample(b, parsed)

    graph_summary = await load_release(
        r.graph, source=sample.SOURCE, label=parsed.label, files=[sample.SAMPLE_PATH], write=write, progress=r.bar
    )
    return [graph_summary, *await _guidelines(replace(r, paths=[guidelines.SAMPLE_GUIDELINES]))]


async def _guidelines(r: Request) -> list[LoadSummary]:
    parsed = [g for path in r.paths for g in guidelines.parse_guidelines(path)]  # validated before any write

    async def write(b: Batcher) -> None:
        await guidelines.write_guidelines(b, iter(parsed))

    return [await r.release("guidelines", write)]


async def _aoc(r: Request) -> list[LoadSummary]:
    async def write(b: Batcher) -> None:
        for path in r.paths:
            await aoc.write_add_on_edits(b, aoc.parse_aoc(path))

    return [await r.release("ncci_aoc", write)]


async def _edits(r: Request) -> list[LoadSummary]:
    module = ptp if r.kind == "ptp" else mue
    chosen = r.setting or (mue.setting_of_file(r.paths[0]) if r.kind == "mue" else None) or "practitioner"
    if chosen not in module.SETTINGS:
        raise LoadError(r.kind, None, "--setting", f"one of {', '.join(module.SETTINGS)}", chosen)

    async def write(b: Batcher) -> None:
        for path in r.paths:
            if r.kind == "ptp":
                await ptp.write_ptp_edits(b, ptp.parse_ptp(path), chosen)
            else:
                await mue.write_mue_edits(b, mue.parse_mue(path), chosen)

    return [await r.release(f"ncci_{r.kind}/{chosen}", write, staged=r.kind == "ptp")]


async def _gem(r: Request) -> list[LoadSummary]:
    summaries = []
    for path in r.paths:
        chosen = r.direction or gem.detect_direction(path)
        if chosen not in gem.DIRECTIONS:
            raise LoadError(path, None, "--direction", f"one of {', '.join(gem.DIRECTIONS)}", chosen)

        async def write(b: Batcher, path: Path = path, chosen: str = chosen) -> None:
            await gem.write_gem_entries(b, gem.parse_gem(path), chosen)

        summaries.append(await r.release(f"gem/{chosen}", write, [path]))
    return summaries


async def _code_set(r: Request, source: str, entries: Callable[[Path], object]) -> LoadSummary:
    async def write(b: Batcher) -> None:
        for path in r.paths:
            await write_code_entries(b, entries(path))

    return await r.release(source, write, close_missing=True)


async def _hcpcs(r: Request) -> list[LoadSummary]:
    modifiers: list[hcpcs.HcpcsRecord] = []

    def codes_keeping_modifiers(path: Path) -> Iterator[CodeEntry]:
        for record in hcpcs.parse_hcpcs(path):
            if record.is_modifier:
                modifiers.append(record)  # a few hundred: written after the codes
            else:
                yield hcpcs.code_entry(record)

    async def write(b: Batcher) -> None:
        for path in r.paths:
            await write_code_entries(b, codes_keeping_modifiers(path))
        for record in modifiers:
            await b.add("merge_hcpcs_modifiers", hcpcs.modifier_row(record))

    return [await r.release("hcpcs", write, close_missing=True)]


def _is_xml(path: Path) -> bool:
    with path.open("rb") as handle:
        return handle.read(256).lstrip().startswith(b"<")


async def _separate_releases(r: Request) -> tuple[list[LoadSummary], Request]:
    """Addenda and index XMLs are releases of their own; what is left is the code set's full files."""
    summaries, rest = [], []
    for path in r.paths:
        if icd10cm_index.is_index(path):
            index = icd10cm_index.describe(path)

            async def write_index(b: Batcher, path: Path = path, index: str = index) -> None:
                await icd10cm_index.write_index_entries(b, icd10cm_index.parse_index(path), index)

            summaries.append(await r.release(f"icd10cm_index/{index}", write_index, [path]))
        elif addenda.is_addenda(path):
            system, starts = addenda.system_of(path), addenda.fiscal_year_start(path)

            async def write_addenda(b: Batcher, path: Path = path, system: str = system, starts: date = starts) -> None:
                await addenda.write_addenda(b, addenda.parse_addenda(path), system, starts)

            summaries.append(await r.release(f"{system.lower()}_addenda", write_addenda, [path]))
        else:
            rest.append(path)
    return summaries, replace(r, paths=rest)


async def _icd10cm(r: Request) -> list[LoadSummary]:
    done, r = await _separate_releases(r)
    if not r.paths:
        return done
    tabular = [p for p in r.paths if _is_xml(p)]
    notes: list[icd10cm_tabular.NoteRef] = []

    def codes_keeping_notes(path: Path) -> Iterator[CodeEntry]:
        if path not in tabular:
            yield from icd10cm.parse_order_file(path)
            return
        for item in icd10cm_tabular.parse_tabular(path):
            if isinstance(item, CodeEntry):
                yield item
            else:
                notes.append(item)  # ~11k references: written once every code they name exists

    async def write(b: Batcher) -> None:
        for path in r.paths:
            await write_code_entries(b, codes_keeping_notes(path))
        await b.flush()  # every code exists before the notes that name them
        for note in dict.fromkeys(notes):  # a note repeated at one code is one fact
            row = {"source": note.source, "kind": note.kind, "text": note.text, "target": note.target}
            await b.add("create_note_refs", {**row, "named": note.named})

    return [*done, await r.release("icd10cm", write, close_missing=True)]


async def _icd10pcs(r: Request) -> list[LoadSummary]:
    done, r = await _separate_releases(r)
    return [*done, await _code_set(r, "icd10pcs", icd10pcs.parse_icd10pcs)] if r.paths else done


async def _icd9(r: Request) -> list[LoadSummary]:
    summaries = []
    for path in r.paths:
        system = icd9.detect_system(path)

        async def write(b: Batcher, path: Path = path, system: str = system) -> None:
            await write_code_entries(b, icd9.parse_icd9(path, system))

        summaries.append(await r.release(system.lower(), write, [path], close_missing=True))
    return summaries


async def _cpt(r: Request) -> list[LoadSummary]:
    async def write(b: Batcher) -> None:
        # One file per descriptor kind: gather a code's descriptors (bounded by the ~11k CPT codes).
        by_code: dict[str, dict[str, str | list[str]]] = {}
        for path in r.paths:
            for d in cpt.parse_cpt(path, r.format):
                props = by_code.setdefault(d.code, {})
                if d.kind == "clinician":
                    clinician = props.setdefault(cpt.KINDS[d.kind], [])
                    assert isinstance(clinician, list)
                    clinician.append(d.text)
                else:
                    props[cpt.KINDS[d.kind]] = d.text
                b.count_source_row()
        for code, props in by_code.items():
            await b.add("merge_cpt_descriptors", {"code": code, "props": props})

    return [await r.release("cpt", write)]


async def _pfs(r: Request) -> list[LoadSummary]:
    async def write(b: Batcher) -> None:
        for path in r.paths:
            for row in pfs.parse_pfs(path):
                entry = pfs.entry(row)
                modifiers = list(pfs.modifier_rows(row))
                await b.add(
                    "set_pfs_indicators", {"props": entry.props, "modifiers": modifiers}, a=(entry.system, entry.code)
                )
                b.count_source_row()

    return [await r.release("pfs", write)]


_HANDLERS: dict[str, Callable[[Request], Awaitable[list[LoadSummary]]]] = {
    "sample": _sample, "aoc": _aoc, "ptp": _edits, "mue": _edits, "gem": _gem, "hcpcs": _hcpcs,
    "icd10cm": _icd10cm, "icd10pcs": _icd10pcs, "icd9cm": _icd9, "cpt": _cpt, "pfs": _pfs,
    "guidelines": _guidelines,
}  # fmt: skip
