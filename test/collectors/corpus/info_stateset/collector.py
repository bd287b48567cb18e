from prometheus_client.core import InfoMetricFamily, StateSetMetricFamily
from .models import Build


class BuildCollector:
    def collect(self):
        for build in Build.objects.all():
            yield InfoMetricFamily('app_build', 'Build information', value={'version': build.version, 'commit': build.commit})
        state = StateSetMetricFamily('app_mode', 'Mode', labels=['instance'])
        state.add_metric(['a'], {'maintenance': False, 'serving': True})
        yield state
