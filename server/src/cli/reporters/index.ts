import type { Format } from '../args';
import type { Reporter } from '../report';
import { githubReporter } from './github';
import { jsonReporter } from './json';
import { sarifReporter } from './sarif';
import { textReporter } from './text';

export const REPORTERS: Record<Format, Reporter> = {
  text: textReporter,
  json: jsonReporter,
  sarif: sarifReporter,
  github: githubReporter,
};
