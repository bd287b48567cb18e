from django.db import models


class Endpoint(models.Model):
    path = models.CharField(max_length=100)
