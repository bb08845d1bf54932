"""Public search over live storefronts, and the robots.txt that points crawlers to the sitemap."""

from urllib.parse import urlencode

from django.shortcuts import render
from django.views.decorators.http import require_GET
from wagtail.contrib.sitemaps.views import sitemap as wagtail_sitemap
from wagtail.models import Site

from accounts.public_site import absolute_reverse

from .sitemaps import PublicSitemap
from .storefront_search import clean_query, results_page, search_storefronts

RESULTS_PER_PAGE = 10


@require_GET
def search(request):
    query = clean_query(request.GET.get("q"))
    results = search_storefronts(query, Site.find_for_request(request))
    page = results_page(results, request.GET.get("page"), RESULTS_PER_PAGE)
    return render(
        request,
        "search/search.html",
        {
            "search_query": query,
            "results": page,
            # Kept in the pagination links so "Next" stays on the same search.
            "pagination_query": f"{urlencode({'q': query})}&",
        },
    )


@require_GET
def sitemap(request):
    return wagtail_sitemap(request, sitemaps={"wagtail": PublicSitemap(request)})


@require_GET
def robots_txt(request):
    return render(
        request,
        "robots.txt",
        {"sitemap_url": absolute_reverse("sitemap")},
        content_type="text/plain; charset=utf-8",
    )
