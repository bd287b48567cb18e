from django.db import models


class Device(models.Model):
    label = models.CharField(max_length=50)
