from django.db import models


class Provider(models.Model):
    code = models.CharField(max_length=20)
