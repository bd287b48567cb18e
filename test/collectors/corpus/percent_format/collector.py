from prometheus_client.core import CounterMetricFamily, GaugeMetricFamily
from .models import Queue

PREFIX = 'broker'


class QueueCollector(object):
    def collect(self):
        for index, queue in enumerate(Queue.objects.order_by('name')):
            c = CounterMetricFamily('%s_%s_messages_total' % (PREFIX, queue.name), 'Messages', labels=['vhost'])
            c.add_metric([queue.vhost], queue.count)
            yield c
            yield GaugeMetricFamily('%s_queue_%02d_consumers' % (PREFIX, index), 'Consumers', value=queue.consumers)
