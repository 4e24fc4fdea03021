"""Over many seeds every eligible project is drawn with the right probability.

The seeds are fixed, so the test is deterministic; the bound is a chi-square test at the 0.1%
level, so a draw that favoured some projects would fail it (the last test shows it does).
"""

from collections.abc import Callable, Sequence

from server.planning.sampling import draw

SEEDS = range(3000)
# upper 0.1% points of the chi-square distribution (degrees of freedom → value)
CHI2_999 = {7: 24.322, 11: 31.264}


def _inclusion_statistic(counts: dict[int, int], draws: int, members: int, size: int) -> float:
    """Chi-square statistic of inclusion counts for a sample of ``size`` out of ``members``
    without replacement: sum of (O - E)² over Var, scaled by (N - 1) / N for the negative
    correlation between members; N - 1 degrees of freedom."""
    p = size / members
    expected = draws * p
    scale = draws * p * (1 - p) * members / (members - 1)
    return sum((counts.get(i, 0) - expected) ** 2 for i in counts) / scale


def _counts(sampler: Callable[[int], Sequence[int]], population: Sequence[int]) -> dict[int, int]:
    counts = dict.fromkeys(population, 0)
    for seed in SEEDS:
        for project_id in sampler(seed):
            counts[project_id] += 1
    return counts


def test_every_project_is_drawn_with_probability_n_over_population() -> None:
    population = list(range(1, 13))
    counts = _counts(lambda seed: draw(seed, population, 4).sample, population)
    assert sum(counts.values()) == 4 * len(SEEDS)
    statistic = _inclusion_statistic(counts, len(SEEDS), 12, 4)
    assert statistic < CHI2_999[11], (statistic, counts)


def test_stratified_inclusion_probability_is_the_strata_allocation_over_their_size() -> None:
    townships = [1] * 5 + [2] * 3 + [3] * 2 + [4]
    population = list(range(1, 12))
    counts = _counts(lambda seed: draw(seed, population, 5, townships).sample, population)
    # allocation 2 of 5, 1 of 3, 1 of 2 and the lone project of township 4 every time
    assert counts[11] == len(SEEDS)
    statistic = 0.0
    for township, size in ((1, 2), (2, 1), (3, 1)):
        members = [pid for pid in population if townships[pid - 1] == township]
        stratum = {pid: counts[pid] for pid in members}
        statistic += _inclusion_statistic(stratum, len(SEEDS), len(members), size)
    assert statistic < CHI2_999[7], (statistic, counts)


def test_the_bound_rejects_a_draw_that_favours_low_ids() -> None:
    """The check has teeth: a sampler that keeps the lowest id 43% of the time, not 33%, fails."""
    import random

    population = list(range(1, 13))

    def biased(seed: int) -> list[int]:
        rng = random.Random(seed)
        sample = rng.sample(population, 4)
        if 1 not in sample and rng.random() < 0.15:
            sample[0] = 1
        return sample

    statistic = _inclusion_statistic(_counts(biased, population), len(SEEDS), 12, 4)
    assert statistic > CHI2_999[11]
