"""The random draw of 随机查: deterministic, sized right, allocated right over townships."""

import random
from decimal import Decimal

import pytest

from server.planning.sampling import SampleError, allocate, draw, sample_count

POPULATION = list(range(101, 121))  # twenty project ids


def test_same_seed_gives_the_same_sample() -> None:
    assert draw(20230731, POPULATION, 5).sample == draw(20230731, POPULATION, 5).sample


def test_the_order_the_population_comes_in_does_not_matter() -> None:
    shuffled = list(reversed(POPULATION))
    assert draw(7, shuffled, 5).sample == draw(7, POPULATION, 5).sample


def test_different_seeds_give_different_samples() -> None:
    samples = {tuple(draw(seed, POPULATION, 5).sample) for seed in range(50)}
    assert len(samples) > 45  # C(20, 5) = 15504 possible samples


def test_a_recorded_draw_stays_the_same_across_releases() -> None:
    """Stored plans are redrawn later: a change here means the algorithm changed (bump it)."""
    assert draw(20230731, list(range(1, 21)), 5).sample == [3, 4, 6, 11, 20]
    stratified = draw(20230731, list(range(1, 21)), 6, [i % 3 for i in range(1, 21)])
    assert stratified.sample == [1, 3, 8, 15, 16, 17]


def test_the_global_random_generator_is_neither_used_nor_disturbed() -> None:
    random.seed(1)
    state = random.getstate()
    first = draw(99, POPULATION, 5).sample
    assert random.getstate() == state
    random.seed(2)
    assert draw(99, POPULATION, 5).sample == first


def test_sample_is_sorted_and_drawn_from_the_population() -> None:
    sample = draw(3, POPULATION, 8).sample
    assert sample == sorted(sample)
    assert len(set(sample)) == 8
    assert set(sample) <= set(POPULATION)


def test_whole_population_when_size_equals_it() -> None:
    assert draw(5, POPULATION, 20).sample == POPULATION


@pytest.mark.parametrize(
    ("population", "share", "expected"),
    [
        (10, "20", 2),
        (11, "20", 3),  # 2.2 rounds up: a share is a minimum
        (5, "0.1", 1),
        (7, "100", 7),
        (3, "33.3", 1),  # 0.999 → 1
        (3, "33.4", 2),  # 1.002 → 2
        (200, "12.5", 25),
    ],
)
def test_share_rounds_up(population: int, share: str, expected: int) -> None:
    assert sample_count(population, share_pct=Decimal(share)) == expected


def test_size_is_taken_as_given() -> None:
    assert sample_count(10, size=4) == 4


def test_sample_larger_than_population_is_refused() -> None:
    with pytest.raises(SampleError) as error:
        sample_count(3, size=4)
    assert error.value.code == "sample_too_large"
    assert "抽取数量（4）大于符合条件的项目数（3）" in error.value.message_zh


def test_empty_population_is_refused() -> None:
    with pytest.raises(SampleError) as error:
        sample_count(0, size=1)
    assert error.value.code == "empty_population"


@pytest.mark.parametrize("share", ["0", "-5", "100.1"])
def test_share_outside_zero_to_hundred_is_refused(share: str) -> None:
    with pytest.raises(SampleError):
        sample_count(10, share_pct=Decimal(share))


@pytest.mark.parametrize(
    ("sizes", "seats", "expected"),
    [
        ({1: 10, 2: 10}, 4, {1: 2, 2: 2}),
        ({1: 6, 2: 3, 3: 1}, 5, {1: 3, 2: 1, 3: 1}),  # quotas 3, 1.5, 0.5: the small one gets 1
        ({1: 90, 2: 5, 3: 5}, 10, {1: 8, 2: 1, 3: 1}),
        ({1: 50, 2: 50, 3: 2}, 10, {1: 5, 2: 4, 3: 1}),  # tie: the lower key gets the seat
        ({1: 3, 2: 3, 3: 3}, 2, {1: 1, 2: 1, 3: 0}),  # too few seats for one each
        ({1: 1, 2: 1, 3: 1}, 3, {1: 1, 2: 1, 3: 1}),
        ({1: 5, 2: 3, 3: 2, None: 1}, 5, {1: 2, 2: 1, 3: 1, None: 1}),
        ({1: 4, 2: 0}, 2, {1: 2}),  # empty strata take no part
        ({1: 7, 2: 2}, 9, {1: 7, 2: 2}),  # everything
    ],
)
def test_allocation(sizes: dict, seats: int, expected: dict) -> None:  # type: ignore[type-arg]
    assert allocate(sizes, seats) == expected


@pytest.mark.parametrize("seed", range(40))
def test_allocation_sums_right_and_never_exceeds_a_stratum(seed: int) -> None:
    rng = random.Random(seed)
    sizes = {key: rng.randint(1, 30) for key in range(rng.randint(1, 8))}
    for seats in range(1, sum(sizes.values()) + 1):
        allocation = allocate(sizes, seats)
        assert sum(allocation.values()) == seats
        assert all(0 <= allocation[k] <= sizes[k] for k in sizes)
        if seats >= len(sizes):
            assert all(allocation[k] >= 1 for k in sizes)


def test_stratified_draw_takes_each_stratum_its_share() -> None:
    townships = [1] * 6 + [2] * 3 + [None]
    result = draw(11, list(range(1, 11)), 5, townships)
    picked = {key: sum(1 for pid in result.sample if townships[pid - 1] == key) for key in (1, 2)}
    assert picked == {1: 3, 2: 1}
    assert 10 in result.sample  # the stratum without a township has one project and gets one
    assert [(s.key, s.population, s.sample) for s in result.strata] == [
        (1, 6, 3),
        (2, 3, 1),
        (None, 1, 1),
    ]
