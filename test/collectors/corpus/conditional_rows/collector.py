from prometheus_client.core import GaugeMetricFamily
from .models import Device


class DeviceCollector:
    def collect(self):
        for device in Device.objects.exclude(kind='virtual'):
            if device.online:
                name = 'device_' + device.label.strip().lower() + '_temperature'
                g = GaugeMetricFamily(name, 'Temperature', labels=['room'], unit='celsius')
                g.add_metric([device.room.upper()], device.temperature)
                yield g
            else:
                yield GaugeMetricFamily('device_offline_' + device.label.strip().lower(), 'Offline device', value=1)
