/**
 * Reading request parameters: each reader names the parameter it rejects, so a user's mistake
 * is a 400 that says which parameter and why.
 */
import type { Request } from 'express';
import { invalidParameter } from '../domain/errors.ts';

/**
 * Rejects `name` sent in an array or object shape (`?limit[]=5`, `?limit[0]=5`, `?q[a]=x`): the
 * query parser keeps such keys as they are, so they were silently ignored (issue 13, defect 9).
 */
function rejectShaped(req: Request, name: string, expected: string): void {
  const query = req.query as Record<string, unknown>;
  for (const key in query) {
    if (key.length > name.length && key.startsWith(name) && key[name.length] === '[') {
      throw invalidParameter(name, `sent as '${key.length > 60 ? `${key.slice(0, 60)}…` : key}': give ${expected} (?${name}=…), not an array or object`);
    }
  }
}

/** A single string parameter; repeated parameters (?a=1&a=2) are rejected. */
export function stringParam(req: Request, name: string, maxLength = 500): string | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  rejectShaped(req, name, 'one value');
  if (v === undefined || v === '') return undefined;
  if (typeof v !== 'string') throw invalidParameter(name, 'give it once, as plain text');
  if (v.length > maxLength) throw invalidParameter(name, `longer than ${maxLength} characters`);
  return v;
}

/** A list: comma-separated (`?a=x,y`), repeated (`?a=x&a=y`) or both; undefined when it holds nothing. */
export function listParam(req: Request, name: string, maxLength = 500): string[] | undefined {
  const v = (req.query as Record<string, unknown>)[name];
  rejectShaped(req, name, 'the values separated by commas');
  if (v === undefined) return undefined;
  const values = Array.isArray(v) ? v : [v];
  if (!values.every((x): x is string => typeof x === 'string')) throw invalidParameter(name, 'give it as plain text');
  const text = values.join(',');
  if (text.length > maxLength) throw invalidParameter(name, `longer than ${maxLength} characters`);
  const parts = text.split(',').map((x) => x.trim()).filter(Boolean);
  return parts.length ? parts : undefined;
}

export function intParam(req: Request, name: string, range: { min: number; max: number; fallback: number }): number {
  const v = stringParam(req, name);
  if (v === undefined) return range.fallback;
  const n = Number(v);
  if (!Number.isInteger(n) || n < range.min || n > range.max) {
    throw invalidParameter(name, `'${v}' is not a whole number from ${range.min} to ${range.max}`);
  }
  return n;
}

export function enumParam<T extends string>(req: Request, name: string, allowed: readonly T[]): T | undefined {
  const v = stringParam(req, name);
  if (v === undefined) return undefined;
  const match = allowed.find((a) => a.toLowerCase() === v.toLowerCase());
  if (!match) throw invalidParameter(name, `'${v}' is not one of ${allowed.join(', ')}`);
  return match;
}

export function booleanParam(req: Request, name: string): boolean {
  const v = stringParam(req, name);
  if (v === undefined) return false;
  if (['true', '1', 'yes'].includes(v.toLowerCase())) return true;
  if (['false', '0', 'no'].includes(v.toLowerCase())) return false;
  throw invalidParameter(name, `'${v}' is not true or false`);
}

/** Opaque pagination cursors: base64url of a small JSON position. */
export function encodeCursor(position: object): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

export function cursorParam<T extends { id: string }>(req: Request, name = 'cursor'): T | undefined {
  const v = stringParam(req, name, 2000);
  if (v === undefined) return undefined;
  try {
    const parsed = JSON.parse(Buffer.from(v, 'base64url').toString('utf8'));
    if (parsed && typeof parsed.id === 'string' && (parsed.score === undefined || typeof parsed.score === 'number')) return parsed as T;
  } catch {
    // fall through to the error below
  }
  throw invalidParameter(name, 'not a cursor this API gave out; start again without it');
}
