from django.db import models


class Queue(models.Model):
    name = models.CharField(max_length=50)
