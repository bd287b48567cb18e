from django.urls import include, path

urlpatterns = [
    path("", include("django_prometheus.urls")),
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning django/urls-single-endpoint: one random worker of the 3 that Pod "app", container "django" runs (WEB_CONCURRENCY)
]
