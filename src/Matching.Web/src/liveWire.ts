// The live hub's wire, as src/Matching.Live.Wire defines it for the host and the .NET client
// (LiveHubProtocol, StreamHead, LivePage). tests/Matching.Web.Tests/LiveWireTests.cs fails when a
// value here differs from the C# one: change both together.
import type { LiveEvent } from './types';

export const LIVE_HUB = {
  path: '/hubs/matching',
  event: 'event',
  streams: 'Streams',
  resume: 'Resume',
  watch: 'Watch',
  unwatch: 'Unwatch',
  pageSize: 500,
} as const;

/** A stream of the connection and its last sequence (`Streams`, `Watch`). */
export interface StreamHead { stream: string; lastSequence: number }

/** Events of a stream after a sequence, oldest first, at most `LIVE_HUB.pageSize` (`Resume`). */
export interface LivePage { events: LiveEvent[]; more: boolean }
