"""The examples in the reader's docstrings hold, in every module of shishi/notice/."""

import doctest
import importlib
import pkgutil

import pytest

import shishi.notice

MODULES = sorted(info.name for info in pkgutil.iter_modules(shishi.notice.__path__))


@pytest.mark.parametrize("name", MODULES)
def test_the_docstring_examples_hold(name):
    module = importlib.import_module(f"shishi.notice.{name}")
    failures, _ = doctest.testmod(module, optionflags=doctest.NORMALIZE_WHITESPACE)
    assert failures == 0
