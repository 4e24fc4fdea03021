"""The random draw of 随机查: pure functions, no database.

The same seed, population and rule always give the same sample: strata are taken in key order,
each stratum's ids in ascending order, and one ``random.Random(seed)`` draws them all (never
the global generator).
"""

from __future__ import annotations

import random
from collections.abc import Hashable, Sequence
from dataclasses import dataclass
from decimal import ROUND_CEILING, Decimal
from fractions import Fraction

from core.problems import code_of, render

ALGORITHM = "strata-random-sample-v1"  # recorded with each plan; change it when the draw changes


class SampleError(ValueError):
    """A sample rule that cannot be met: a key of core.problems ("planning") and its params."""

    def __init__(self, key: str, **params: object) -> None:
        self.key, self.params = key, params
        self.code = code_of(key)
        self.message_zh, self.message_en = render(key, params)
        super().__init__(self.message_en)


@dataclass(frozen=True)
class Stratum:
    key: Hashable  # a township id, or None for projects without one
    population: int
    sample: int


@dataclass(frozen=True)
class Draw:
    sample: list[int]  # ascending project ids
    strata: list[Stratum]


def sample_count(population: int, size: int | None = None, share_pct: Decimal | None = None) -> int:
    """How many to draw: ``size`` itself, or the share of the population rounded up
    (抽查比例不低于 X%: a share is a floor, so 20% of 11 is 3)."""
    if population == 0:
        raise SampleError("empty_population")
    if size is None:
        if share_pct is None or not 0 < share_pct <= 100:
            raise SampleError("invalid_share")
        size = int((share_pct * population / 100).to_integral_value(rounding=ROUND_CEILING))
    if size < 1:
        raise SampleError("invalid_size")
    if size > population:
        raise SampleError("sample_too_large", size=size, population=population)
    return size


def _order(key: Hashable) -> tuple[bool, Hashable]:
    return (key is None, key if key is not None else 0)


def _largest_remainder(seats: int, sizes: dict[Hashable, int]) -> dict[Hashable, int]:
    """Hamilton apportionment; equal remainders go to the larger stratum, then to the lower key."""
    total = sum(sizes.values())
    quotas = {key: Fraction(seats * size, total) for key, size in sizes.items()}
    allocation = {key: int(quota) for key, quota in quotas.items()}
    left = seats - sum(allocation.values())
    by_remainder = sorted(sizes, key=lambda k: (-(quotas[k] - allocation[k]), -sizes[k], _order(k)))
    for key in by_remainder[:left]:
        allocation[key] += 1
    return allocation


def allocate(sizes: dict[Hashable, int], seats: int) -> dict[Hashable, int]:
    """Proportional allocation of ``seats`` over strata by largest remainder, with at least one
    per non-empty stratum when there are enough seats: a stratum whose share is under one gets
    exactly one, and the rest are shared out again among the others until none is under one."""
    sizes = {key: size for key, size in sizes.items() if size > 0}
    if seats > sum(sizes.values()):
        raise ValueError("more seats than members")
    fixed: dict[Hashable, int] = {}
    if seats >= len(sizes):
        while True:
            rest = {k: v for k, v in sizes.items() if k not in fixed}
            left = seats - len(fixed)
            total = sum(rest.values())
            small = [k for k, v in rest.items() if Fraction(left * v, total) < 1]
            if not small:
                break
            fixed.update(dict.fromkeys(small, 1))
    rest = {k: v for k, v in sizes.items() if k not in fixed}
    allocation = _largest_remainder(seats - len(fixed), rest) if rest else {}
    return {**fixed, **allocation}


def draw(
    seed: int,
    population: Sequence[int],
    size: int,
    strata_keys: Sequence[Hashable] | None = None,
) -> Draw:
    """Draw ``size`` project ids; with ``strata_keys`` (one per id) proportionally per stratum."""
    keys = list(strata_keys) if strata_keys is not None else [None] * len(population)
    if len(keys) != len(population):
        raise ValueError("one stratum key per member")
    members: dict[Hashable, list[int]] = {}
    for project_id, key in sorted(zip(population, keys, strict=True), key=lambda p: p[0]):
        members.setdefault(key, []).append(project_id)
    allocation = allocate({k: len(v) for k, v in members.items()}, size)
    rng = random.Random(seed)
    chosen: list[int] = []
    strata = []
    for key in sorted(members, key=_order):
        picked = rng.sample(members[key], allocation[key]) if allocation[key] else []
        chosen.extend(picked)
        strata.append(Stratum(key, len(members[key]), allocation[key]))
    return Draw(sorted(chosen), strata)
