"""The load kinds: one registry that drives `graph-api load`, its help and the dispatch.

A kind parses its files with its loader module (pure) and writes each release through `load_release`,
which owns staging, batching and the switch. Adding a format is one loader module and one entry here.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from graph_api.ingest.progress import Progress
from graph_api.ingest.release import Writer, load_release
from graph_api.ingest.summary import LoadSummary
from graph_api.store.graph import Graph
from graph_api.store.indexes import ensure_graph_model
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
    icd10pcs,
    mue,
    pfs,
    ptp,
    sample,
)
from loaders.code_entries import write_code_entries
from loaders.errors import LoadError
from loaders.sink import Sink


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

    async def release(
        self, source: str, write: Writer, paths: Sequence[Path] | None = None, **options: bool
    ) -> LoadSummary:
        files = list(paths if paths is not None else self.paths)
        label = self.label or "+".join(p.stem for p in files)
        return await load_release(
            self.graph, source=source, label=label, files=files, write=write, progress=self.bar, **options
        )


Handler = Callable[[Request], Awaitable[list[LoadSummary]]]


@dataclass(frozen=True)
class LoadKind:
    name: str
    help: str
    example: str
    handler: Handler
    options: tuple[str, ...] = ()  # which of --setting, --direction, --format apply
    needs_files: bool = True


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
    spec = KINDS.get(kind)
    if spec is None:
        raise LoadError(kind, None, "kind", f"one of {', '.join(KINDS)}", kind)
    for path in paths:
        if not path.is_file():
            raise LoadError(path, None, None, "a readable file")
    if spec.needs_files and not paths:
        raise LoadError(kind, None, None, "at least one file to load")
    await ensure_graph_model(graph)
    bar = Progress(f"load {kind}") if progress else None
    request = Request(graph, kind, list(paths), setting, direction, label, format, bar)
    if bar is None:
        return await spec.handler(request)
    with bar:
        return await spec.handler(request)


async def _sample(r: Request) -> list[LoadSummary]:
    parsed = sample.parse_sample()

    async def write(sink: Sink) -> None:
        await sample.write_sample(sink, parsed)

    graph_summary = await load_release(
        r.graph, source=sample.SOURCE, label=parsed.label, files=[sample.SAMPLE_PATH], write=write, progress=r.bar
    )
    return [graph_summary, *await _guidelines(replace(r, paths=[guidelines.SAMPLE_GUIDELINES]))]


async def _guidelines(r: Request) -> list[LoadSummary]:
    parsed = [g for path in r.paths for g in guidelines.parse_guidelines(path)]  # validated before any write

    async def write(sink: Sink) -> None:
        await guidelines.write_guidelines(sink, iter(parsed))

    return [await r.release("guidelines", write)]


async def _aoc(r: Request) -> list[LoadSummary]:
    async def write(sink: Sink) -> None:
        for path in r.paths:
            await aoc.write_add_on_edits(sink, aoc.parse_aoc(path))

    return [await r.release("ncci_aoc", write)]


async def _ptp(r: Request) -> list[LoadSummary]:
    chosen = _setting(r, ptp.SETTINGS, r.setting or "practitioner")

    async def write(sink: Sink) -> None:
        for path in r.paths:
            await ptp.write_ptp_table(sink, path, chosen)

    return [await r.release(f"ncci_ptp/{chosen}", write, staged=True)]


async def _mue(r: Request) -> list[LoadSummary]:
    chosen = _setting(r, mue.SETTINGS, r.setting or mue.setting_of_file(r.paths[0]) or "practitioner")

    async def write(sink: Sink) -> None:
        for path in r.paths:
            await mue.write_mue_edits(sink, mue.parse_mue(path), chosen)

    return [await r.release(f"ncci_mue/{chosen}", write)]


def _setting(r: Request, allowed: Sequence[str], chosen: str) -> str:
    if chosen not in allowed:
        raise LoadError(r.kind, None, "--setting", f"one of {', '.join(allowed)}", chosen)
    return chosen


async def _gem(r: Request) -> list[LoadSummary]:
    summaries = []
    for path in r.paths:
        chosen = r.direction or gem.detect_direction(path)
        if chosen not in gem.DIRECTIONS:
            raise LoadError(path, None, "--direction", f"one of {', '.join(gem.DIRECTIONS)}", chosen)

        async def write(sink: Sink, path: Path = path, chosen: str = chosen) -> None:
            await gem.write_gem_entries(sink, gem.parse_gem(path), chosen)

        summaries.append(await r.release(f"gem/{chosen}", write, [path]))
    return summaries


async def _hcpcs(r: Request) -> list[LoadSummary]:
    async def write(sink: Sink) -> None:
        await hcpcs.write_hcpcs(sink, r.paths)

    return [await r.release("hcpcs", write, close_missing=True)]


async def _separate_releases(r: Request) -> tuple[list[LoadSummary], Request]:
    """Addenda and index XMLs are releases of their own; what is left is the code set's full files."""
    summaries, rest = [], []
    for path in r.paths:
        if icd10cm_index.is_index(path):
            index = icd10cm_index.describe(path)

            async def write_index(sink: Sink, path: Path = path, index: str = index) -> None:
                await icd10cm_index.write_index_entries(sink, icd10cm_index.parse_index(path), index)

            summaries.append(await r.release(f"icd10cm_index/{index}", write_index, [path]))
        elif addenda.is_addenda(path):
            system, starts = addenda.system_of(path), addenda.fiscal_year_start(path)

            async def write_addenda(sink: Sink, path: Path = path, system: str = system, starts: date = starts) -> None:
                await addenda.write_addenda(sink, addenda.parse_addenda(path), system, starts)

            summaries.append(await r.release(f"{system.lower()}_addenda", write_addenda, [path]))
        else:
            rest.append(path)
    return summaries, replace(r, paths=rest)


async def _icd10cm(r: Request) -> list[LoadSummary]:
    done, r = await _separate_releases(r)
    if not r.paths:
        return done

    async def write(sink: Sink) -> None:
        await icd10cm.write_icd10cm(sink, r.paths)

    return [*done, await r.release("icd10cm", write, close_missing=True)]


async def _icd10pcs(r: Request) -> list[LoadSummary]:
    done, r = await _separate_releases(r)
    if not r.paths:
        return done

    async def write(sink: Sink) -> None:
        for path in r.paths:
            await write_code_entries(sink, icd10pcs.parse_icd10pcs(path))

    return [*done, await r.release("icd10pcs", write, close_missing=True)]


async def _icd9(r: Request) -> list[LoadSummary]:
    summaries = []
    for path in r.paths:
        system = icd9.detect_system(path)

        async def write(sink: Sink, path: Path = path, system: str = system) -> None:
            await write_code_entries(sink, icd9.parse_icd9(path, system))

        summaries.append(await r.release(system.lower(), write, [path], close_missing=True))
    return summaries


async def _cpt(r: Request) -> list[LoadSummary]:
    async def write(sink: Sink) -> None:
        await cpt.write_cpt(sink, r.paths, r.format)

    return [await r.release("cpt", write)]


async def _pfs(r: Request) -> list[LoadSummary]:
    async def write(sink: Sink) -> None:
        await pfs.write_pfs(sink, r.paths)

    return [await r.release("pfs", write)]


KINDS: dict[str, LoadKind] = {
    k.name: k
    for k in (
        LoadKind("sample", "the project's sample graph and guidelines", "graph-api load sample", _sample,
                 needs_files=False),
        LoadKind("aoc", "NCCI add-on code edits (xlsx with its notice row, or CSV/TXT)",
                 "graph-api load aoc AOC_V2026Q2-MCR.xlsx", _aoc),
        LoadKind("ptp", "NCCI PTP tables (part files or the CMS zip) as one release",
                 "graph-api load ptp --setting practitioner ccipra-v322r0-f1.txt ccipra-v322r0-f2.txt", _ptp,
                 ("setting",)),
        LoadKind("mue", "NCCI MUE table", "graph-api load mue MCR_MUE_PractitionerServices.csv", _mue, ("setting",)),
        LoadKind("gem", "CMS General Equivalence Mappings (direction from name or content)",
                 "graph-api load gem 2018_I10gem.txt 2018_I9gem.txt", _gem, ("direction",)),
        LoadKind("hcpcs", "HCPCS Level II ANWEB file (or its xlsx twin): codes and modifiers",
                 "graph-api load hcpcs HCPC2018_CONTR_ANWEB_disc.txt", _hcpcs),
        LoadKind("icd10cm", "ICD-10-CM order file, tabular XML, index XMLs, addenda",
                 "graph-api load icd10cm icd10cm_tabular_2025.xml icd10cm_index_2025.xml", _icd10cm),
        LoadKind("icd10pcs", "ICD-10-PCS codes or order file; codes addenda",
                 "graph-api load icd10pcs icd10pcs_codes_2025.txt", _icd10pcs),
        LoadKind("icd9cm", "ICD-9-CM v32 long titles: diagnoses (DX) and procedures (SG)",
                 "graph-api load icd9cm CMS32_DESC_LONG_DX.txt CMS32_DESC_LONG_SG.txt", _icd9),
        LoadKind("cpt", "CPT descriptors from an AMA licensee's data files",
                 "graph-api load cpt LONGULT.txt SHORTU.txt", _cpt, ("format",)),
        LoadKind("pfs", "Physician Fee Schedule RVU file: global days and modifier indicators",
                 "graph-api load pfs PPRRVU26_JAN.csv", _pfs),
        LoadKind("guidelines", "coding guidelines (YAML, docs/guidelines-format.md)",
                 "graph-api load guidelines my-guidelines.yaml", _guidelines),
    )
}  # fmt: skip
