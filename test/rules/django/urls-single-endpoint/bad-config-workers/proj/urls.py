from django.urls import include, path

urlpatterns = [
    path("", include("django_prometheus.urls")),
#            ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning django/urls-single-endpoint: one random worker of the 6 that Deployment "app", container "django" runs (workers = 6 in gunicorn.conf.py
]
