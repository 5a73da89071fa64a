"""link_maker makes the very links reverse() makes."""

import pytest
from django.urls import reverse

from shishi.plans.links import link_maker


@pytest.mark.parametrize("name, args", [
    ("public:plan", [7]), ("public:plan_elder", [12]), ("oversight:project", [3, 45]), ("oversight:board", [1, 4]),
])
def test_it_makes_the_links_reverse_makes(name, args):
    link = link_maker(name, len(args))
    assert link(*args) == reverse(name, args=args)
    assert link(*[a + 1000 for a in args]) == reverse(name, args=[a + 1000 for a in args])


def test_it_refuses_a_wrong_number_of_ids():
    with pytest.raises(ValueError):
        link_maker("oversight:project", 2)(3)
