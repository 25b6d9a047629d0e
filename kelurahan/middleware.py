from django.conf import settings
from django.utils import translation


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
