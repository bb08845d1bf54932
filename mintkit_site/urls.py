"""The site's URL map: wiring only, every view lives in its app."""

from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from accounts import urls as accounts_urls
from home import urls as home_urls
from search import urls as search_urls
from storefront_pages import urls as storefront_urls

urlpatterns = [
    path("", include(home_urls)),
    path("", include(storefront_urls)),
    path("", include(search_urls)),
    # The Wagtail admin's own log-in and password reset hand over to allauth: one way in.
    path("admin/", include(accounts_urls.wagtail_admin_handover)),
    # Wagtail admin views this site replaces, under their Wagtail names (storefront_pages/urls.py).
    path("admin/", include(storefront_urls.wagtail_admin_replacements)),
    path("admin/", include(wagtailadmin_urls)),
    path("django-admin/", include(accounts_urls.django_admin_handover)),
    path("django-admin/", admin.site.urls),
    path("accounts/", include(home_urls.account_urlpatterns)),
    path("accounts/", include("allauth.urls")),
    path("billing/", include("billing.urls")),
    path("studio/", include("studio.urls")),
    path("documents/", include(wagtaildocs_urls)),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail's page router comes last: it answers everything not matched above.
urlpatterns += [path("", include(wagtail_urls))]
