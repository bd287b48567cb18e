import datetime

from django.db import models


class Component(models.Model):
    name = models.CharField(max_length=100)
    team = models.CharField(max_length=100)

    def get_labels(self):
        return {'component': self.name, 'team': self.team}

    def get_last_start_time(self, moment):
        return moment - datetime.timedelta(hours=2)

    def get_next_start_time(self, moment):
        return moment + datetime.timedelta(hours=22)

    def get_next_end_time(self, moment):
        return moment + datetime.timedelta(hours=23)

    def in_window(self, moment):
        return False
