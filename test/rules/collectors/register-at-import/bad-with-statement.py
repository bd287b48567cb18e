# A register call in a with statement's header, or in its body, is one finding, at the call.
import contextlib

from django.apps import AppConfig
from prometheus_client import REGISTRY

from .monitoring import ComponentCollector, QueueCollector

with contextlib.suppress(ValueError, REGISTRY.register(QueueCollector())):
#                                    ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ hint collectors/register-at-import: REGISTRY.register(…) runs when this module is imported
    REGISTRY.register(ComponentCollector())
#   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ hint collectors/register-at-import: REGISTRY.register(…) runs when this module is imported


class SlaConfig(AppConfig):
    name = 'sla'

    def ready(self):
        with contextlib.nullcontext(REGISTRY.register(ComponentCollector())):
#                                   ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ hint collectors/register-at-import: REGISTRY.register(…) in AppConfig.ready() runs during startup
            pass
