from django.db import models


class Component(models.Model):
    name = models.CharField(max_length=100)
