import { formerOf, type AreaSet, type SourceFetch } from '../fetch-adapter.js';
import { SSB_API } from '../ssb/fetch.js';

/** KOSTRA region codes: municipalities (and former numbers), EKAnn (county), EAK (land), EAKUO (land without Oslo), EKGnn. */
export function kostraRegionCodes(a: AreaSet): string[] {
  return [...a.kommuner, ...formerOf(a), ...a.fylker.map((f) => `EKA${f}`), 'EAK', 'EAKUO', ...a.kostragrupper];
}

/** KOSTRA's tables are SSB tables, asked for by KOSTRA's regions. */
export const kostraFetch: SourceFetch = { api: SSB_API, areaCodes: kostraRegionCodes };
