"""`can_read_region` answers as `regions_visible_to` does, for every role and region, and asks
the database nothing when the region is the person's own; `can_read_region_and_below` is said
only of someone who reads every plan there."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.db.models import Q
from django.test.utils import CaptureQueriesContext

from shishi.directory.access import can_read_region, can_read_region_and_below, region_for, regions_visible_to
from shishi.directory.models import Person
from shishi.plans.models import Plan
from tests.comparisons.conftest import import_sample
from tests.conftest import person

PEOPLE = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "sam", "connie", "dave", "admin"]
REGIONS = ["province", "city", "huantai", "gaoqing"]


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("where", REGIONS)
def test_the_answer_is_that_of_the_regions_the_person_reads(cast, world, who, where):
    someone = Person.objects.get(pk=cast[who].pk)  # fresh: nothing read before
    region = world[where]
    assert can_read_region(someone, region) == regions_visible_to(someone).filter(pk=region.pk).exists()


def test_a_person_without_a_region_and_an_anonymous_visitor_read_none(world):
    nowhere = person("nowhere", Person.Role.COORDINATOR)
    assert not can_read_region(nowhere, world["huantai"])
    assert not can_read_region(AnonymousUser(), world["huantai"])


def test_the_persons_own_region_costs_no_query_and_is_kept_for_the_next_rule(cast, world):
    cici = Person.objects.get(pk=cast["cici"].pk)
    with CaptureQueriesContext(connection) as queries:
        assert can_read_region(cici, world["city"])
        assert cici.region.path == world["city"].path
        assert list(
            regions_visible_to(cici).values_list("name", flat=True)
        )  # the subquery needs no read first
    assert len(queries) == 1


@pytest.mark.parametrize("who", PEOPLE)
@pytest.mark.parametrize("where", REGIONS)
def test_who_reads_a_region_and_below_reads_every_plan_there(cast, world, who, where):
    """What lets a comparison read the plans below a region as a whole, without asking plan by plan."""
    import_sample(world["gaoqing"], cast["otto"], "gaoqing-2021.txt")
    someone = Person.objects.get(pk=cast[who].pk)
    region = world[where]
    below = Plan.objects.filter(Q(region__path=region.path) | Q(region__path__startswith=region.path + "/"))
    if can_read_region_and_below(someone, region):
        assert set(below) <= set(Plan.objects.visible_to(someone))
    else:
        assert someone.role == Person.Role.REPORTER or not can_read_region(someone, region)


def test_a_clerk_never_reads_a_region_as_a_whole_even_as_superuser(cast, world):
    clerk = person(
        "super-clerk", Person.Role.REPORTER, world["huantai"], cast["lena"].unit, is_superuser=True
    )
    assert can_read_region(clerk, world["huantai"]) and not can_read_region_and_below(clerk, world["huantai"])


def test_a_region_is_read_with_the_persons_own_in_one_query(cast, world):
    cici = Person.objects.get(pk=cast["cici"].pk)
    with CaptureQueriesContext(connection) as queries:
        assert region_for(cici, world["gaoqing"].pk).name == "高青县"
        assert cici.region.name == "淄博市" and can_read_region(cici, world["gaoqing"])
    assert len(queries) == 1
    assert region_for(cici, world["gaoqing"].pk + 1000) is None
    assert region_for(cast["admin"], world["city"].pk).name == "淄博市"  # a person without a region
