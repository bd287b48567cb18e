# @ 7:1-7:40 hint collectors/register-at-import: REGISTRY.register(…) runs when this module is imported: the default
from django.apps import AppConfig
from prometheus_client import REGISTRY

from .monitoring import ComponentCollector

REGISTRY.register(ComponentCollector())


class SlaConfig(AppConfig):
    name = 'sla'

    def ready(self):
        REGISTRY.register(ComponentCollector())
#       ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ hint collectors/register-at-import: REGISTRY.register(…) in AppConfig.ready() runs during startup of
