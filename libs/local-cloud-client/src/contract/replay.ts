/** POST /dead-letters/replay: which dead letters to put back into the pipeline. */
export interface ReplayRequest {
  /** Only letters put aside at or after this time (ISO 8601). */
  since?: string;
  /** Only letters whose reason contains this text (case-insensitive). */
  reason?: string;
  /** List what would be replayed; change nothing. */
  dryRun?: boolean;
}

/** One letter the replay took (or would take), and how it goes back in. */
export interface ReplayedLetter {
  /** `<file>#<line>` in the dead-letter directory. */
  id: string;
  stage: string;
  reason: string;
  deviceId?: string;
  /** `rule`: the original bytes through the topic rule; `action`: the selected message into the rule's action (stream or direct action). */
  via: 'rule' | 'action';
}

export interface ReplayReport {
  dryRun: boolean;
  /** Letters that matched the filters and were not replayed before. */
  matched: number;
  /** Of those, put back into the pipeline (and marked, so they are not replayed twice). */
  replayed: number;
  /** Letters that matched but had been replayed already. */
  alreadyReplayed: number;
  /** Letters that matched but carry nothing to replay, with why. */
  notReplayable: Array<{ id: string; why: string }>;
  /** Letters the pipeline refused again on replay (not marked: a later replay tries them again). */
  failed: Array<{ id: string; error: string }>;
  /** The letters taken (at most 1,000 listed). */
  letters: ReplayedLetter[];
}
