import { isIpAddress, parsePort, splitHostPort } from '../../compose/address';
import { flagValues } from '../../compose/commandLine';
import { clusterOf } from '../../compose/cluster';
import { defineDocumentRule } from '../types';

export default defineDocumentRule({
  id: 'compose/alertmanager-advertise-address',
  severity: 'error',
  docs: {
    summary: '`--cluster.advertise-address` is an IP address and a port (`10.0.1.5:9094`), not a host name.',
    why: 'Alertmanager parses the advertised host with Go\'s net.ParseIP and stops with "failed to parse advertise addr" when it is a name; a value without a port fails earlier, when it is split into host and port.',
    bad: "services:\n  alertmanager:\n    image: prom/alertmanager\n    command:\n      - '--cluster.advertise-address=alertmanager:9094'\n",
    good: "services:\n  alertmanager:\n    image: prom/alertmanager\n    command:\n      - '--cluster.advertise-address=10.0.1.5:9094'\n",
  },
  check({ doc, report }) {
    for (const service of clusterOf(doc)?.alertmanagers ?? []) {
      for (const flag of flagValues(service.flags, 'cluster.advertise-address')) {
        if (flag.value === undefined || flag.value === '' || !flag.valueSpan) continue;
        const split = splitHostPort(flag.value);
        let problem: string | undefined;
        if (!split) problem = 'is not host:port';
        else if (parsePort(split.port) === undefined) problem = `has port "${split.port}", which is not a number`;
        else if (!isIpAddress(split.host)) problem = `advertises "${split.host}", which is not an IP address`;
        if (!problem) continue;
        report({
          at: { doc, span: flag.valueSpan },
          message: `--cluster.advertise-address "${flag.value}" ${problem}; Alertmanager refuses to start. Write an IP and a port, e.g. 10.0.1.5:9094, or leave the flag out.`,
        });
      }
    }
  },
});
