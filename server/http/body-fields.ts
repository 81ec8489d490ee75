/**
 * The fields of a JSON request body, checked one by one: each helper names the field it rejects
 * (a 400 `{ details: { field } }`), so that every route reads its body the same way.
 */
import type { Request } from 'express';
import { badRequest } from '../domain/errors.ts';

export type Body = Record<string, unknown>;

/** Longest actor id a body may name. */
export const MAX_ID = 200;

export const fieldError = (field: string, message: string) => badRequest(`Field '${field}': ${message}.`, { field });

/** The JSON body as an object with only the fields allowed (an unknown field is named, not ignored). */
export function bodyFields(req: Request, allowed: readonly string[]): Body {
  const b: unknown = req.body ?? {};
  if (typeof b !== 'object' || b === null || Array.isArray(b)) throw badRequest('Send a JSON object (Content-Type: application/json).');
  const unknown = Object.keys(b).find((k) => !allowed.includes(k));
  if (unknown !== undefined) throw fieldError(unknown, `unknown field (this request takes ${allowed.join(', ')})`);
  return b as Body;
}

/** A text field, trimmed; undefined when absent or empty and not required. */
export function textField(b: Body, field: string, options: { required: boolean; max: number }): string | undefined {
  const v = b[field];
  if (v === undefined || v === null) {
    if (options.required) throw fieldError(field, 'required');
    return undefined;
  }
  if (typeof v !== 'string') throw fieldError(field, 'give it as text');
  const t = v.trim();
  if (options.required && t === '') throw fieldError(field, 'required (empty)');
  if (t.length > options.max) throw fieldError(field, `at most ${options.max} characters (${t.length} given)`);
  return t || undefined;
}

/** One of a fixed list, any case. */
export function oneOfField<T extends string>(b: Body, field: string, allowed: readonly T[], required: boolean): T | undefined {
  const v = b[field];
  if (v === undefined || v === null) {
    if (required) throw fieldError(field, `required: one of ${allowed.join(', ')}`);
    return undefined;
  }
  const found = typeof v === 'string' ? allowed.find((a) => a.toLowerCase() === v.trim().toLowerCase()) : undefined;
  if (!found) throw fieldError(field, `${JSON.stringify(v)} is not one of ${allowed.join(', ')}`);
  return found;
}
