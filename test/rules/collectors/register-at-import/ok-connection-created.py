from django.apps import AppConfig
from django.db.backends.signals import connection_created
from prometheus_client import REGISTRY

monitoring_initialised = False


def connection_callback(sender, connection, **kwargs):
    global monitoring_initialised
    if not monitoring_initialised:
        from .monitoring import ComponentCollector
        REGISTRY.register(ComponentCollector())
        monitoring_initialised = True


class SlaConfig(AppConfig):
    name = 'sla'

    def ready(self):
        connection_created.connect(connection_callback)
