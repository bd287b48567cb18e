from prometheus_client.core import SummaryMetricFamily


class TaskCollector:
    def collect(self):
        yield SummaryMetricFamily('task_duration', 'Task duration', count_value=10, sum_value=4.2, unit='seconds')
        s = SummaryMetricFamily('task_size_bytes', 'Task size', labels=['queue'], unit='bytes')
        s.add_metric(['default'], 5, 1000)
        s.add_metric(['urgent'], 1, 10)
        yield s
