"""Assertions about pages that many tests share."""

from django.contrib.messages import get_messages
from pytest_django.asserts import assertContains, assertNotContains


def assert_filters(client, url: str, cases) -> None:
    """Each case is (query, shown, hidden): the page at `url` with that query lists `shown`
    and not `hidden`, as a user filtering the list would check."""
    for query, shown, hidden in cases:
        response = client.get(url, query)
        assertContains(response, shown)
        assertNotContains(response, hidden)


def assert_shows(response, shown=(), hidden=()) -> None:
    """The page shows every text of `shown` and none of `hidden`."""
    for text in shown:
        assertContains(response, text)
    for text in hidden:
        assertNotContains(response, text)


def message_texts(response) -> list[str]:
    """The texts of the messages the response's request left for the next page."""
    return [str(m) for m in get_messages(response.wsgi_request)]
