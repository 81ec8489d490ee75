/**
 * One actor as lists show it (GET /api/actors): declared once, used by the store and the client.
 */
import type { ActorType } from './model.ts';

export interface ActorSummary {
  id: string;
  type: ActorType;
  name: string;
  name_ja?: string;
  prefecture?: string;
  clusters?: string[];
  fields?: string[];
}
