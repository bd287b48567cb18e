import { fileURLToPath } from 'url';

/** A `filesNamed` pattern for one exact base name, such as "gunicorn.conf.py". */
export function exactFileName(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}

/** The file system path of a file: URI; undefined for other schemes and malformed URIs. */
export function uriToPath(uri: string): string | undefined {
  try {
    return uri.startsWith('file:') ? fileURLToPath(uri) : undefined;
  } catch {
    return undefined;
  }
}
