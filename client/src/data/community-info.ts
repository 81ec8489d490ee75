/**
 * The communities as the client keeps them once loaded (community-data.ts loads them; the store
 * holds them, state.ts). A module of types only, so that the state can name them without
 * importing how they are loaded.
 */
import type { CommunitiesResponse, CommunitySummary } from '../../../server/contract/api.ts';

export interface CommunityInfo {
  /** Actor id → rank of its community by size (0 = largest). */
  rank: ReadonlyMap<string, number>;
  /** Members of each community id. */
  members: ReadonlyMap<number, ReadonlySet<string>>;
  response: CommunitiesResponse;
  /** Summaries by community id, largest first in `response.communities`. */
  byId: Map<number, CommunitySummary>;
  rankOfCommunity: Map<number, number>;
}
