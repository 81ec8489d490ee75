/**
 * Actors as the API answers them: one actor in a list (GET /api/actors) and one actor with its
 * ties (GET /api/actors/:id). Declared once, used by the store and the client.
 */
import type { Actor, ActorType, TieKind } from './model.ts';

export interface ActorSummary {
  id: string;
  type: ActorType;
  name: string;
  name_ja?: string;
  prefecture?: string;
  clusters?: string[];
  fields?: string[];
}

export interface ActorTie {
  id: string;
  name: string;
  name_ja?: string;
  type: ActorType;
  kind: TieKind;
  direction: 'out' | 'in';
  weight: number;
  since?: number;
}

export interface NamedRef {
  id: string;
  name: string;
  name_ja?: string;
}

export interface ActorDetail {
  actor: Actor;
  clusters: NamedRef[];
  fields: NamedRef[];
  seeks: NamedRef[];
  ties: ActorTie[];
  tieCount: number;
}
