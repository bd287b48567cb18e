from django.urls import include, path

urlpatterns = [
    path("", include("django_prometheus.urls")),
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning django/urls-single-endpoint: /metrics from django_prometheus.urls is answered by one random worker of the 4 that Pod "app", container
]
