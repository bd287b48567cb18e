from django.db import models


class Tenant(models.Model):
    code = models.CharField(max_length=10)
    active = models.BooleanField()
