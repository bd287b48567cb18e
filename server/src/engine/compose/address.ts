import { isIP } from 'net';

export interface HostPort {
  host: string;
  port: string;
}

/**
 * Go's net.SplitHostPort: `host:port`, `[v6]:port`; the host may be empty, the
 * port may be empty or a service name. Undefined when Go would return an error.
 */
export function splitHostPort(text: string): HostPort | undefined {
  if (text.startsWith('[')) {
    const close = text.indexOf(']');
    if (close === -1 || text[close + 1] !== ':') return undefined;
    const host = text.slice(1, close);
    const port = text.slice(close + 2);
    if (host.includes('[') || host.includes(']') || port.includes('[') || port.includes(']')) return undefined;
    return { host, port };
  }
  const colon = text.lastIndexOf(':');
  if (colon === -1) return undefined;
  const host = text.slice(0, colon);
  // More than one colon outside brackets is an IPv6 literal without brackets: "too many colons".
  if (host.includes(':') || host.includes('[') || host.includes(']')) return undefined;
  const port = text.slice(colon + 1);
  if (port.includes('[') || port.includes(']')) return undefined;
  return { host, port };
}

/** A numeric TCP port (what Go's strconv.Atoi + range would accept for a listen port). */
export function parsePort(port: string): number | undefined {
  if (!/^\d{1,5}$/.test(port)) return undefined;
  const n = Number(port);
  return n <= 65535 ? n : undefined;
}

/** Go's net.ParseIP: dotted-decimal IPv4 (no leading zeros) or IPv6. */
export function isIpAddress(host: string): boolean {
  if (isIP(host) === 0) return false;
  if (isIP(host) === 4) return host.split('.').every((octet) => octet === '0' || !octet.startsWith('0'));
  return true;
}

/** The port of a listen address such as `:9093`, `0.0.0.0:9094`; undefined when it has none. */
export function listenPort(address: string): number | undefined {
  const split = splitHostPort(address);
  return split ? parsePort(split.port) : undefined;
}
