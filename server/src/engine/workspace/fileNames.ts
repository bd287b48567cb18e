/** A `filesNamed` pattern for one exact base name, such as "gunicorn.conf.py". */
export function exactFileName(name: string): RegExp {
  return new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`);
}
