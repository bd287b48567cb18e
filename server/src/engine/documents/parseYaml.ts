import { Composer, Document, Parser, parseDocument, YAMLParseError } from 'yaml';
import type { CST } from 'yaml';
import { buildCst } from './fastCst';
import { lexPlainBlockYaml } from './fastLexer';

const OPTIONS = { uniqueKeys: false, prettyErrors: false } as const;

/**
 * Parses one YAML document as `yaml`'s parseDocument does (same tree, same
 * errors). Plain block YAML, which is nearly all of a Kubernetes workspace,
 * takes the fast lexer and CST builder, about twice as fast; the tree is then
 * composed by `yaml` itself.
 */
export function parseYamlDocument(text: string): Document.Parsed {
  try {
    return parse(text);
  } catch (error) {
    // `yaml` recurses once per nesting level; a few thousand levels (20,000 `- ` on a line) exhaust the stack.
    if (!(error instanceof RangeError) || !/call stack/i.test(error.message)) throw error;
    const empty = parseDocument('', OPTIONS);
    empty.errors.push(new YAMLParseError([0, Math.min(1, text.length)], 'RESOURCE_EXHAUSTION', 'Maximum call stack size exceeded'));
    return empty;
  }
}

function parse(text: string): Document.Parsed {
  const lexemes = lexPlainBlockYaml(text);
  if (!lexemes) return parseDocument(text, OPTIONS);
  const tokens = buildCst(lexemes) ?? parseLexemes(lexemes);
  let parsed: Document.Parsed | undefined;
  for (const doc of new Composer(OPTIONS).compose(tokens, true, text.length)) {
    // More than one document: let parseDocument report it in its own words.
    if (parsed) return parseDocument(text, OPTIONS);
    parsed = doc;
  }
  return parsed ?? parseDocument(text, OPTIONS);
}

/** `yaml`'s Parser, fed lexemes instead of text. */
function parseLexemes(lexemes: string[]): CST.Token[] {
  const parser = new Parser();
  const tokens: CST.Token[] = [];
  for (const lexeme of lexemes) for (const token of parser.next(lexeme)) tokens.push(token);
  for (const token of parser.end()) tokens.push(token);
  return tokens;
}
