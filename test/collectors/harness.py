"""Runs one corpus collector module with the real prometheus_client and reports
what the library does with it, as JSON on stdout.

usage: python3 harness.py <corpus-dir> <case> <rows.json>

rows.json maps a lowercased Django model name to its sample rows. Django itself
is not needed: a minimal stand-in (django.db.models.Model with an `objects`
manager serving those rows, AppConfig, signals, timezone.now) is installed in
sys.modules before the case is imported.

The family classes are wrapped so that a constructor that raises is recorded
(with prometheus_client's own message) and the run goes on, with the family
left out of the exposition: one run shows every failure, not only the first.
Everything else is the library's: the exposition is generate_latest() of a
CollectorRegistry, the names a collector clashes on are
CollectorRegistry._get_names(), label names are judged by
prometheus_client.metrics._validate_labelname and the reserved label names of
Histogram and Summary.
"""
import datetime
import importlib
import json
import sys
import types

import prometheus_client
import prometheus_client.core as core
import prometheus_client.metrics_core as metrics_core
from prometheus_client import CollectorRegistry, generate_latest
from prometheus_client.metrics import Histogram, Summary, _validate_labelname

corpus_dir, case, rows_path = sys.argv[1], sys.argv[2], sys.argv[3]
with open(rows_path) as fh:
    ROWS = json.load(fh)

# ---- a stand-in for the parts of Django the corpus uses


class QuerySet(list):
    def all(self):
        return QuerySet(self)

    def _match(self, kwargs, negate):
        out = []
        for obj in self:
            ok = True
            for key, value in kwargs.items():
                field = key[:-7] if key.endswith('__exact') else key
                if '__' in field:
                    raise NotImplementedError('harness supports exact lookups only: ' + key)
                if (getattr(obj, field, None) == value) == negate:
                    ok = False
            if ok:
                out.append(obj)
        return QuerySet(out)

    def filter(self, **kwargs):
        return self._match(kwargs, False)

    def exclude(self, **kwargs):
        return self._match(kwargs, True)

    def order_by(self, *fields):
        return QuerySet(self)

    def values_list(self, *fields, flat=False):
        if flat:
            return [getattr(o, fields[0]) for o in self]
        return [tuple(getattr(o, f) for f in fields) for o in self]

    def values(self, *fields):
        return [{f: getattr(o, f) for f in fields} for o in self]

    def count(self):
        return len(self)

    def exists(self):
        return len(self) > 0


class Manager:
    def __init__(self, model):
        self.model = model

    def _rows(self):
        out = QuerySet()
        for row in ROWS.get(self.model.__name__.lower(), []):
            obj = self.model.__new__(self.model)
            obj.__dict__.update(row)
            out.append(obj)
        return out

    def __getattr__(self, name):
        return getattr(self._rows(), name)


class ModelBase(type):
    def __new__(mcs, name, bases, attrs):
        cls = super().__new__(mcs, name, bases, attrs)
        cls.objects = Manager(cls)
        return cls


class Model(metaclass=ModelBase):
    pass


class Field:
    def __init__(self, *args, **kwargs):
        pass


def module(name, **attrs):
    m = types.ModuleType(name)
    m.__dict__.update(attrs)
    sys.modules[name] = m
    return m


class Signal:
    def connect(self, *args, **kwargs):
        pass


models_module = module('django.db.models', Model=Model, Manager=Manager)
for field in ['CharField', 'SlugField', 'TextField', 'IntegerField', 'BooleanField', 'FloatField', 'DateTimeField', 'ForeignKey', 'JSONField']:
    setattr(models_module, field, Field)
module('django')
module('django.db', models=models_module)
module('django.db.models.signals', post_migrate=Signal())
module('django.db.backends')
module('django.db.backends.signals', connection_created=Signal())
module('django.apps', AppConfig=type('AppConfig', (), {}))
FIXED_NOW = datetime.datetime(2024, 1, 1, 12, 0, tzinfo=datetime.timezone.utc)
module('django.utils')
module('django.utils.timezone', now=lambda: FIXED_NOW)

# ---- wrapped family classes: record what raises, keep going

ERRORS = []
ADD_METRIC = []
LABEL_ERRORS = []
RESERVED = {'histogram': Histogram._reserved_labelnames, 'gaugehistogram': Histogram._reserved_labelnames, 'summary': Summary._reserved_labelnames}
INVALID = set()


def wrap(cls):
    class Wrapped(cls):
        def __init__(self, *args, **kwargs):
            try:
                super().__init__(*args, **kwargs)
            except ValueError as error:
                message = str(error)
                name = args[0] if args else kwargs.get('name')
                if message.startswith('Invalid metric name'):
                    ERRORS.append({'kind': 'name', 'name': message.split(': ', 1)[1], 'message': message})
                else:
                    ERRORS.append({'kind': 'arguments', 'name': name, 'message': message})
                # A stand-in the rest of collect() can use; it is left out of every result.
                super().__init__('obsconf_harness_invalid', '')
                INVALID.add(id(self))
                return
            for label in list(self._labelnames):
                try:
                    _validate_labelname(label)
                    if label in RESERVED.get(self.type, ()):
                        raise ValueError('Reserved label metric name: ' + label)
                except ValueError as error:
                    LABEL_ERRORS.append({'family': self.name, 'label': label, 'message': str(error)})

        def add_metric(self, labels, *args, **kwargs):
            if id(self) in INVALID:
                return None
            labels = list(labels)
            if len(labels) != len(self._labelnames):
                ADD_METRIC.append({'family': self.name, 'declared': len(self._labelnames), 'given': len(labels)})
            if self.type == 'info':
                value = args[0] if args else kwargs.get('value', {})
                for key in value:
                    try:
                        _validate_labelname(key)
                    except ValueError as error:
                        LABEL_ERRORS.append({'family': self.name, 'label': key, 'message': str(error)})
            return super().add_metric(labels, *args, **kwargs)

    Wrapped.__name__ = cls.__name__
    Wrapped.__qualname__ = cls.__qualname__
    return Wrapped


for name in ['CounterMetricFamily', 'GaugeMetricFamily', 'SummaryMetricFamily', 'HistogramMetricFamily', 'GaugeHistogramMetricFamily',
             'InfoMetricFamily', 'StateSetMetricFamily', 'UnknownMetricFamily', 'UntypedMetricFamily']:
    wrapped = wrap(getattr(metrics_core, name))
    setattr(metrics_core, name, wrapped)
    setattr(core, name, wrapped)

# ---- run the case

sys.path.insert(0, corpus_dir)
mod = importlib.import_module(case + '.collector')
collectors = [obj for obj in vars(mod).values() if isinstance(obj, type) and obj.__module__ == mod.__name__ and 'collect' in vars(obj)]

result = {'families': [], 'errors': ERRORS, 'addMetric': ADD_METRIC, 'labelErrors': LABEL_ERRORS, 'duplicates': [], 'collectErrors': [], 'registerErrors': []}


class Fixed:
    """Serves the families one collect() produced, so that every registry call sees the same objects."""

    def __init__(self, families):
        self.families = families

    def collect(self):
        return iter(self.families)

    def describe(self):
        return iter(self.families)


registry = CollectorRegistry(auto_describe=True)
texts = []
claimed = set()
for cls in collectors:
    try:
        families = list(cls().collect())
    except Exception as error:  # noqa: BLE001 - any failure of collect() is a result to report
        result['collectErrors'].append(f'{cls.__name__}: {type(error).__name__}: {error}')
        continue
    valid = [f for f in families if id(f) not in INVALID]
    # The names each family produces and clashes with, as the registry computes them.
    for family in valid:
        names = set(registry._get_names(Fixed([family])))
        if names & claimed and family.name not in result['duplicates']:
            result['duplicates'].append(family.name)
        claimed |= names
    fixed = Fixed(valid)
    try:
        registry.register(fixed)
    except ValueError as error:
        result['registerErrors'].append(f'{cls.__name__}: {error}')
    # Each collector's exposition on its own, so that one refused by the shared registry is still compared.
    own = CollectorRegistry(auto_describe=True)
    own.register(Fixed(valid))
    texts.append(generate_latest(own).decode('utf-8'))

text = ''.join(texts)
result['exposition'] = text


def parse_labels(line):
    """Label names of a sample line of the text format (values may hold escaped quotes)."""
    brace = line.find('{')
    space = line.find(' ')
    if brace < 0 or (0 <= space < brace):
        return line.split(' ', 1)[0], []
    name = line[:brace]
    names = []
    i = brace + 1
    while i < len(line) and line[i] != '}':
        eq = line.index('=', i)
        names.append(line[i:eq])
        i = eq + 2
        while line[i] != '"':
            i += 2 if line[i] == '\\' else 1
        i += 1
        if line[i] == ',':
            i += 1
    return name, names


current = None
for line in text.splitlines():
    if line.startswith('# TYPE '):
        _, _, fam_name, fam_type = line.split(' ', 3)
        current = {'name': fam_name, 'type': fam_type, 'samples': [], 'labels': []}
        result['families'].append(current)
    elif line.startswith('#') or not line:
        continue
    else:
        sample, labels = parse_labels(line)
        if sample not in current['samples']:
            current['samples'].append(sample)
        for label in labels:
            if label not in current['labels']:
                current['labels'].append(label)
for fam in result['families']:
    fam['labels'].sort()

json.dump(result, sys.stdout, indent=1)
