"""Helpers for the api app's tests: tokens for the cast, and a client that sends them."""

from __future__ import annotations

import pytest
from django.test import Client

from shishi.api.tokens import create_token


class ApiClient:
    """A test client that speaks JSON to /api/ with a person's bearer token."""

    def __init__(self, raw_token: str | None):
        self.client = Client()
        self.headers = {"Authorization": f"Bearer {raw_token}"} if raw_token else {}

    def get(self, path: str, **params):
        return self.client.get(path, params, headers=self.headers)

    def post(self, path: str, data=None, **extra):
        return self.client.post(path, data or {}, content_type="application/json", headers=self.headers)

    def put(self, path: str, data):
        return self.client.put(path, data, content_type="application/json", headers=self.headers)

    def upload(self, path: str, files: dict):
        return self.client.post(path, files, headers=self.headers)


@pytest.fixture
def api_as(cast):
    """`api_as("lena")`: a client with a fresh token of that member of the cast."""

    def make(role: str) -> ApiClient:
        _, raw = create_token(cast[role], f"{role}的测试令牌")
        return ApiClient(raw)

    return make
