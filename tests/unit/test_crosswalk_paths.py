"""Multi-hop crosswalks: one entry per target, its shortest paths kept together, each path once."""

from __future__ import annotations

from graph_api.store.decode import shortest_paths
from schema.records import CrosswalkHopRecord, CrosswalkRecord


def hop(
    a: str, b: str, *, approximate: bool = False, combination: bool = False, scenario: int = 0, release: str = "R"
) -> CrosswalkHopRecord:
    systems = {"9": "ICD9CM", "X": "ICD10CM"}
    return CrosswalkHopRecord(
        from_system=systems[a[0]],
        from_code=a,
        system=systems[b[0]],
        code=b,
        display=None,
        approximate=approximate,
        combination=combination,
        scenario=scenario,
        choice_list=1 if combination else 0,
        release=release,
    )


def direct(h: CrosswalkHopRecord) -> CrosswalkRecord:
    return CrosswalkRecord(
        system=h.system,
        code=h.code,
        display=None,
        approximate=h.approximate,
        no_map=False,
        combination=h.combination,
        scenario=h.scenario,
        choice_list=h.choice_list,
        release=h.release,
        hops=(h,),
    )


def test_a_target_reached_by_equal_paths_is_one_entry_with_every_path() -> None:
    via_b = [hop("9A", "XB", approximate=True), hop("XB", "9T", approximate=True)]
    via_c = [hop("9A", "XC"), hop("XC", "9T")]
    longer = [hop("9A", "XD"), hop("XD", "9E"), hop("9E", "XF")]
    found = shortest_paths([], [via_b, via_c, longer, [hop("9A", "XF"), hop("XF", "9T")]])
    assert [e.code for e in found] == ["9T", "XF"]
    target = found[0]
    # The exact path is the best one: the entry is not approximate, and its hops are that path.
    assert target.approximate is False and target.hops == tuple(via_c)
    assert [tuple(h.code for h in p) for p in target.paths] == [("XC", "9T"), ("XF", "9T"), ("XB", "9T")]
    assert found[1].paths == (tuple(longer),)


def test_a_path_stated_by_two_releases_is_kept_once_as_first_given() -> None:
    official = [hop("9A", "XB", release="GEM 2018"), hop("XB", "9T", release="GEM 2018")]
    sample = [hop("9A", "XB", release="sample"), hop("XB", "9T", release="sample")]
    [entry] = shortest_paths([], [official, sample, [hop("9A", "XB", release="sample"), hop("XB", "9T")]])
    assert entry.paths == (tuple(official),) and entry.release == "GEM 2018"


def test_targets_published_directly_keep_their_entries_and_are_not_repeated() -> None:
    first = hop("9A", "XB")
    found = shortest_paths([direct(first)], [[first, hop("XB", "XD")], [hop("9A", "XC"), hop("XC", "XB")]])
    assert [(e.code, len(e.hops)) for e in found] == [("XB", 1), ("XD", 2)]
    assert found[0].paths == () and found[1].paths == ((first, hop("XB", "XD")),)


def test_a_combination_path_is_second_to_a_path_alone() -> None:
    combined = [hop("9A", "XB", combination=True, scenario=1), hop("XB", "9T")]
    alone = [hop("9A", "XC", approximate=True), hop("XC", "9T", approximate=True)]
    [entry] = shortest_paths([], [combined, alone])
    assert entry.hops == tuple(alone) and entry.combination is False and entry.approximate is True
    assert len(entry.paths) == 2
