from django.apps import apps
from django.urls import reverse


def navigation(request):
    """The main menu: each app lists its sections as `nav_sections` on its AppConfig."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    current = request.resolver_match.view_name if request.resolver_match else ""
    items = []
    for config in apps.get_app_configs():
        for label, name in getattr(config, "nav_sections", ()):
            section = name.rsplit("_", 1)[0]
            items.append(
                {"label": label, "url": reverse(name), "active": current.startswith(section)}
            )
    return {"nav_items": items}
