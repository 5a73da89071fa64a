"""`can_read_region` answers as `regions_visible_to` does, for every role and region, and asks
the database nothing when the region is the person's own."""

import pytest
from django.contrib.auth.models import AnonymousUser
from django.db import connection
from django.test.utils import CaptureQueriesContext

from shishi.directory.access import can_read_region, regions_visible_to
from shishi.directory.models import Person

from ..conftest import person

PEOPLE = ["lena", "pavel", "cora", "otto", "leah", "cici", "olga", "sam", "admin"]
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
        assert list(regions_visible_to(cici).values_list("name", flat=True))  # the subquery needs no read first
    assert len(queries) == 1
