"""Small helpers shared by the stunting views."""

from __future__ import annotations

from django.contrib import messages
from django.shortcuts import redirect, render


def edit(request, *, form, template: str, message: str, context: dict | None = None):
    """The form view shape: on a valid POST save and go to the saved object, else render."""
    if request.method == "POST" and form.is_valid():
        obj = form.save()
        messages.success(request, message)
        return redirect(obj)
    return render(request, template, {"form": form, **(context or {})})


def post_data(request):
    return request.POST if request.method == "POST" else None
