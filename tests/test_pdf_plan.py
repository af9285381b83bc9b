"""How a month's cards are cut into chunks for the PDF workers."""

from __future__ import annotations

import dataclasses
import math
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from csreport.outputs.pdf.pool import CHUNKS_PER_WORKER, TAIL_CHUNK, plan
from csreport.results import MonthResult
from tests.factories import sample_month


def month_of(sizes: list[int]) -> tuple[MonthResult, list[list[int]]]:
    """A month with teams of ``sizes`` agents, and the teams as agent indexes."""
    month = sample_month()
    agents, teams = [], []
    for number, size in enumerate(sizes):
        teams.append(list(range(len(agents), len(agents) + size)))
        agents += [
            dataclasses.replace(month.agents[0], agent_id=f"{number}-{i}", group=f"组{number}")
            for i in range(size)
        ]
    return dataclasses.replace(month, agents=tuple(agents)), teams


def planned(sizes: list[int], workers: int) -> list[tuple[int, int, list[str]]]:
    """(team, part, agent ids) of each chunk, in hand-out order."""
    month, teams = month_of(sizes)
    chunks = plan(
        teams,
        month,
        [f"{i}.pdf" for i in range(len(month.agents))],
        [f"t{n}" for n in range(len(teams))],
        workers,
    )
    return [(c.team, c.part, [a.agent_id for a in c.agents]) for c in chunks]


def test_200_agents_end_with_small_chunks() -> None:
    chunks = planned([34, 34, 33, 33, 33, 33], workers=2)
    sizes = [len(ids) for _, _, ids in chunks]
    assert sizes == sorted(sizes, reverse=True)
    assert max(sizes) == 17
    assert sizes[-2:] == [8, 8]  # the work a worker takes last is small


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1, 70), min_size=1, max_size=7), st.integers(1, 3))
def test_every_agent_once_and_parts_in_agent_order(sizes: list[int], workers: int) -> None:
    chunks = planned(sizes, workers)
    for team, size in enumerate(sizes):
        mine = sorted((part, ids) for t, part, ids in chunks if t == team)
        assert [part for part, _ in mine] == list(range(len(mine)))
        assert [i for _, ids in mine for i in ids] == [f"{team}-{i}" for i in range(size)]
    lengths = [len(ids) for _, _, ids in chunks]
    assert lengths == sorted(lengths, reverse=True)
    if workers > 1:
        small = max(TAIL_CHUNK, math.ceil(sum(sizes) / (CHUNKS_PER_WORKER * workers * 3)))
        assert max(lengths[-workers:]) <= max(small, min(lengths))


def test_only_the_teams_agents_get_a_chunk_and_their_count_sizes_it() -> None:
    # Agents 0-39 in one team; 40-99 are not in any team (not in the roster): no card, and
    # the chunks are cut for 40 cards, not 100.
    month, _ = month_of([100])
    targets = {i: Path(f"{i}.pdf") for i in range(40)}
    chunks = plan([list(range(40))], month, targets, ["t0"], workers=2)
    assert sorted(t for c in chunks for t in c.targets) == sorted(str(p) for p in targets.values())
    # 40 cards for 2 workers: 4 chunks each, at least 8 cards a chunk (chunk_sizes), then the
    # last two cut down to the tail size of max(4, ceil(40 / 24)) = 4
    assert [len(c.agents) for c in chunks] == [8, 8, 8, 4, 4, 4, 4]
