from django.db import models


class Build(models.Model):
    version = models.CharField(max_length=20)
