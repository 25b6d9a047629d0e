"""Post a form as a browser would: with the hidden version and one-time token fields that the
form page carries (see kelurahan.formguard)."""

import re

_STAMP = re.compile(r'<input type="hidden" name="([^"]*(?:versi|token_formulir))" value="([^"]*)"')


def stamps_in(response) -> dict[str, str]:
    """The hidden `versi` / `token_formulir` values of a page already fetched."""
    return dict(_STAMP.findall(response.content.decode()))


def stamps(client, url: str) -> dict[str, str]:
    """The hidden `versi` / `token_formulir` values of the form page at `url` (a GET now)."""
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return stamps_in(response)


def post_form(client, url: str, data: dict, **kwargs):
    """POST `data` to the form page at `url` as a browser that opened the page just now."""
    return client.post(url, {**stamps(client, url), **data}, **kwargs)


def formset_data(prefix: str, rows: list[dict], initial: int = 0) -> dict:
    """The POST data of an inline formset: its management form and `rows` (the first `initial`
    of them saved rows)."""
    data = {f"{prefix}-TOTAL_FORMS": str(len(rows)), f"{prefix}-INITIAL_FORMS": str(initial)}
    for index, row in enumerate(rows):
        data.update({f"{prefix}-{index}-{key}": value for key, value in row.items()})
    return data
