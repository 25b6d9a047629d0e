from django.conf import settings
from django.contrib import messages
from django.contrib.auth import SESSION_KEY
from django.http import HttpResponse
from django.shortcuts import redirect
from django.utils import translation
from django.utils.cache import patch_cache_control

from .models.signing import DocumentLocked


class DefaultLanguageMiddleware:
    """Speak Indonesian unless the user chose another language (the language cookie).

    Django's LocaleMiddleware would follow the browser's Accept-Language, and an office PC set
    to English would then get a page of mixed languages.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.available = {code for code, _name in settings.LANGUAGES}

    def __call__(self, request):
        language = request.COOKIES.get(settings.LANGUAGE_COOKIE_NAME)
        if language not in self.available:
            language = settings.LANGUAGE_CODE
        request.LANGUAGE_CODE = language
        # Only for this request: the language must not stay active in the thread afterwards.
        with translation.override(language):
            response = self.get_response(request)
        response.headers.setdefault("Content-Language", language)
        return response


class NoStoreWhenSignedInMiddleware:
    """Pages for a signed-in user hold personal data (full NIK and KK numbers for the roles that
    keep records, children's growth, exports): no browser or proxy may keep a copy of them
    (`Cache-Control: no-store`), so a shared office PC's cache or back button shows nothing to
    the next person after logout. Static files are served before this, and stay cacheable."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        # Read from the session the view already loaded: a page that never looked at the
        # session (the benchmark's bare page) holds nothing personal and costs no query here.
        session = getattr(request, "session", None)
        if session is not None and session.accessed and SESSION_KEY in session:
            patch_cache_control(response, no_store=True, private=True)
        return response


class ContentSecurityPolicyMiddleware:
    """Send `settings.CONTENT_SECURITY_POLICY` (directive -> sources) as the
    Content-Security-Policy header of every response but PDF documents: the browser then runs
    only our own script files and applies only our own stylesheets, so markup that slipped
    into a page cannot run. Chromium's PDF viewer draws its page with inline styles in the
    PDF's own document, which the policy would refuse (https://crbug.com/271452)."""

    def __init__(self, get_response):
        self.get_response = get_response
        policy = getattr(settings, "CONTENT_SECURITY_POLICY", None) or {}
        self.header = "; ".join(
            " ".join([directive, *sources]) for directive, sources in policy.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header and not response.get("Content-Type", "").startswith("application/pdf"):
            response.headers.setdefault("Content-Security-Policy", self.header)
        return response


class DocumentLockedMiddleware:
    """A view that would change a signed document raises `DocumentLocked`: say why on the
    document's page (an htmx request gets the message with status 409) rather than a bare 403."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        return self.get_response(request)

    def process_exception(self, request, exception):
        if not isinstance(exception, DocumentLocked):
            return None
        message = str(exception)
        if getattr(request, "htmx", False):
            return HttpResponse(message, status=409)
        messages.error(request, message)
        return redirect(exception.document)
