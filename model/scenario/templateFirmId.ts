/**
 * The id of the k-th firm generated from a firm template: `${idPrefix ?? sector}-${k}`, k = 1..count.
 * The engine and the scenario checks both use this, so duplicate-id checks see exactly the ids a run will use.
 *
 * Because k is all digits and a generated id splits at its last "-", two templates generate a common id only when
 * their prefixes are equal, and an explicit firm id clashes with a template only when it reads `${prefix}-${k}`.
 *
 * @example templateFirmId({ sector: 'steel' }, 3) // 'steel-3'
 */
import type { FirmTemplateSpec } from './schema.js';

export function templateFirmId(template: Pick<FirmTemplateSpec, 'sector' | 'idPrefix'>, k: number): string {
  return `${templateIdPrefix(template)}-${k}`;
}

/** The prefix of the ids a template generates: its `idPrefix`, else its sector. */
export function templateIdPrefix(template: Pick<FirmTemplateSpec, 'sector' | 'idPrefix'>): string {
  return template.idPrefix ?? template.sector;
}

/** Splits an id of the form `${prefix}-${k}` (k a positive integer without leading zeros); undefined otherwise. */
export function splitGeneratedId(id: string): { prefix: string; k: number } | undefined {
  const match = /^(.+)-([1-9][0-9]{0,15})$/.exec(id);
  if (!match) return undefined;
  return { prefix: match[1]!, k: Number(match[2]) };
}
