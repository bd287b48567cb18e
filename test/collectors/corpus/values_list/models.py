from django.db import models


class Feature(models.Model):
    slug = models.SlugField()
    enabled = models.BooleanField()
