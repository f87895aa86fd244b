"""Response headers the site sends that Django has no setting for."""

from django.conf import settings


class PermissionsPolicyMiddleware:
    """Send ``Permissions-Policy`` from the PERMISSIONS_POLICY setting.

    The setting maps a browser feature to the origins allowed to use it; an
    empty list switches the feature off for the page and anything it embeds.
    A view that needs a feature sets the header itself, which is kept.
    """

    def __init__(self, get_response):
        self.get_response = get_response
        self.header = ", ".join(
            "%s=(%s)" % (feature, " ".join(allowed))
            for feature, allowed in settings.PERMISSIONS_POLICY.items()
        )

    def __call__(self, request):
        response = self.get_response(request)
        if self.header:
            response.headers.setdefault("Permissions-Policy", self.header)
        return response
