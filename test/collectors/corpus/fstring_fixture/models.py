from django.db import models


class Service(models.Model):
    slug = models.SlugField()
    region = models.CharField(max_length=20)
    replicas = models.IntegerField()
