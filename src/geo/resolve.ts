import { msg, type Message, type MessageKey } from '../base/messages.js';
import type { Geography } from '../model/observation.js';
import { LAND } from '../model/observation.js';
import { parseRegionLabel, splitValidity } from './labels.js';
import type { Area, BydelEntry, GeoRegister, OtherAreaEntry } from './register.js';

export interface GeoNote {
  code: 'harmonised-geography' | 'historic-geography' | 'special-area';
  /** What was done, as a message of the vocabulary (`issue.geo.*`), rendered in the user's language. */
  message: Message;
  /** Notes with the same key are reported once per file (special areas: one note for all). */
  onceKey?: string;
}

/** County numbers SSB uses for areas outside the county division (Svalbard, Jan Mayen, the shelf, abroad, unknown). */
const SPECIAL_COUNTY_PREFIXES = new Set(['21', '22', '23', '24', '25', '26', '88', '99']);
const TOO_MANY_DIGITS: Record<'fylke' | 'kommune' | 'bydel', MessageKey> = { fylke: 'issue.geo.tooManyDigitsFylke', kommune: 'issue.geo.tooManyDigitsKommune', bydel: 'issue.geo.tooManyDigitsBydel' };

/** Items as "a, b and c" in the language the message is rendered in. */
function andList(items: string[]): string | Message {
  return items.length < 2 ? (items[0] ?? '') : msg('issue.word.and', { first: items.slice(0, -1).join(', '), second: items[items.length - 1]! });
}

export interface Resolved {
  geo: Geography;
  /** The code as written, when it was converted to a current one. */
  harmonisedFrom: string | null;
  /** Years in which the code as written was valid (for "zero outside validity" checks). */
  validFrom: number | null;
  validTo: number | null;
  note: GeoNote | null;
}

/** A text that names no area: why, as a message of the vocabulary (`issue.geo.*`). */
export type Resolution = Resolved | { error: Message };

export function isResolved(r: Resolution): r is Resolved {
  return 'geo' in r;
}

/**
 * Turns the region codes, labels and names of the sources into current geographies.
 * Results are cached per text, since a file repeats a few hundred regions many times.
 */
export class GeoResolver {
  private readonly cache = new Map<string, Resolution>();
  constructor(private readonly register: GeoRegister) {}

  /** A bare code: FHI's GEO (leading zeros lost), SSB's K-5037 / F-50, KOSTRA's EKG11. */
  fromCode(raw: string): Resolution {
    const k = `c:${raw}`;
    let r = this.cache.get(k);
    if (!r) {
      // FHI's cause-of-death register (daar) calls the whole country "Total" in FYLKE.
      if (/^(total|totalt|i alt)$/i.test(raw.trim())) raw = '0';
      const label = parseRegionLabel(raw);
      r = label && label.name === null ? this.resolveCode(label.code, label.levelHint, null, null) : { error: msg('issue.geo.notCode', { raw }) };
      this.cache.set(k, r);
    }
    return r;
  }

  /**
   * A code with its label from a JSON-stat category ("030101", "Bygdøy-Frogner (1988-2003)"):
   * the label's period and name tell apart a reused number and give the years the code was valid.
   */
  fromCodeAndLabel(raw: string, label: string | null | undefined): Resolution {
    const text = label?.trim();
    if (!text || text === raw.trim()) return this.fromCode(raw);
    const code = parseRegionLabel(raw);
    if (!code || code.name !== null) return this.fromCode(raw);
    const combined = text.startsWith(raw.trim()) ? text : `${raw.trim()} ${text}`;
    const parsed = parseRegionLabel(combined);
    if (!parsed || parsed.code !== code.code) return this.fromCode(raw);
    return this.fromLabel(combined);
  }

  /** A label with code and name ("5037 Levanger", "07 Vestfold (-2019)") or a bare name. */
  fromLabel(text: string): Resolution {
    const k = `l:${text}`;
    let r = this.cache.get(k);
    if (!r) {
      const label = parseRegionLabel(text);
      if (label) {
        r = this.resolveCode(label.code, label.levelHint, label.name, label);
      } else {
        r = this.resolveName(text);
      }
      this.cache.set(k, r);
    }
    return r;
  }

  /** A name only, as in FHI's label exports ("Hele landet", "Telemark", "Skien"). */
  fromName(name: string): Resolution {
    const k = `n:${name}`;
    let r = this.cache.get(k);
    if (!r) {
      r = this.resolveName(name);
      this.cache.set(k, r);
    }
    return r;
  }

  private resolveName(name: string): Resolution {
    const suffixed = splitValidity(name);
    if (suffixed.hasPeriod && suffixed.name !== '') return this.resolveNameInPeriod(suffixed.name, suffixed, name);
    const current = this.register.byName(name);
    if (current.length === 1) return this.fromArea(current[0]!, null);
    if (current.length > 1) {
      const options = current.map((a) => `${a.code} ${a.name}`).join(', ');
      return { error: msg('issue.geo.nameSeveral', { name: name.trim(), options }) };
    }
    const old = this.register.historicByName(name);
    if (old.length === 1) return this.fromArea(old[0]!, old[0]!.code);
    if (old.length > 1) {
      const options = old.map((a) => `${a.code} ${a.name}`).join(', ');
      return { error: msg('issue.geo.nameSeveralFormer', { name: name.trim(), options }) };
    }
    const other = this.register.otherByName(name);
    if (other) return this.other(other.code, other, null, null, other.kind);
    return { error: msg('issue.geo.nameUnknown', { name: name.trim() }) };
  }

  /**
   * A name with the years SSB gives it ("Porsgrunn (2020-2023)", "Kragerø (1960-2019)",
   * "Bø (Telemark) (-2019)"): the area of that name whose years are those, found through the
   * register's history — a former number is harmonised to the current one as any code is.
   */
  private resolveNameInPeriod(name: string, period: { validFrom: number | null; validTo: number | null }, written: string): Resolution {
    const candidates = [...this.register.byName(name), ...this.register.historicByName(name)];
    const same = (a: number | null, b: number | null) => a === b;
    const overlaps = (a: Area) => (period.validTo === null || a.validFrom === null || a.validFrom <= period.validTo) && (period.validFrom === null || a.validTo === null || a.validTo >= period.validFrom);
    // The same end year decides (SSB writes the start only when it knows it); then any overlap.
    const exact = candidates.filter((a) => same(a.validTo, period.validTo) && (period.validFrom === null || a.validFrom === null || same(a.validFrom, period.validFrom)));
    const pool = exact.length > 0 ? exact : candidates.filter(overlaps);
    const levels = new Set(pool.map((a) => a.level));
    // A county and a municipality of one name (Oslo): the municipality, as for a plain name.
    const picked = levels.size > 1 ? pool.filter((a) => a.level === 'kommune') : pool;
    if (picked.length === 1) {
      const area = picked[0]!;
      const validity = { validFrom: period.validFrom ?? area.validFrom, validTo: period.validTo ?? area.validTo };
      return area.historic ? this.fromArea(area, area.code, validity) : this.resolved({ code: area.code, level: area.level, name: area.name }, null, validity.validFrom, validity.validTo);
    }
    if (picked.length > 1) {
      const options = picked.map((a) => `${a.code} ${a.name} (${a.validFrom ?? ''}-${a.validTo ?? ''})`).join(', ');
      return { error: msg('issue.geo.nameSeveralInYears', { name: written.trim(), options }) };
    }
    const known = candidates.map((a) => `${a.code} (${a.validFrom ?? ''}-${a.validTo ?? ''})`).join(', ');
    return { error: msg('issue.geo.noAreaInYears', { written: written.trim(), name, known: known ? msg('issue.geo.registerHas', { known }) : '' }) };
  }

  private resolveCode(
    code: string,
    hint: 'K' | 'F' | null,
    labelName: string | null,
    label: { validFrom: number | null; validTo: number | null } | null,
  ): Resolution {
    const validity = label && (label.validFrom !== null || label.validTo !== null) ? label : null;
    if (code === 'EAK') return this.resolved({ code: LAND, level: 'land', name: this.register.land.name }, null, null, null);
    if (code === 'EAKUO') return this.resolved({ code: 'EAKUO', level: 'kostragruppe', name: 'Landet uten Oslo' }, null, null, null);
    if (code.startsWith('EKA')) {
      const f = this.register.current('fylke', code.slice(3)) ?? this.register.historic('fylke', code.slice(3));
      if (!f) return { error: msg('issue.geo.kostraCounty', { code }) };
      return this.fromArea(f, null);
    }
    if (code.startsWith('EKG')) {
      return this.resolved({ code, level: 'kostragruppe', name: labelName ?? `KOSTRA-gruppe ${Number(code.slice(3))}` }, null, null, null);
    }
    // SSB's groups outside the municipalities: K-21-22, K-23, K-Rest (and a bare "Rest").
    if (code === 'Rest' || /^\d{2}-\d{2}$/.test(code) || (hint === 'K' && /^\d{2}$/.test(code))) {
      const written = hint ? `${hint}-${code}` : code;
      return this.other(written, this.register.otherArea('aggregate', `K-${code}`), labelName, validity, 'rest');
    }
    if (/^\d{6}[a-z]+$/.test(code) || (code.length === 6 && hint === null)) return this.resolveBydel(code, labelName, validity);
    if (/^0+$/.test(code) && hint !== 'K') return this.fromArea(this.register.land, null);
    let level: 'fylke' | 'kommune' | 'bydel';
    if (hint === 'F' || (hint === null && code.length <= 2)) level = 'fylke';
    else if (code.length <= 4) level = 'kommune';
    else level = 'bydel';
    const width = level === 'fylke' ? 2 : level === 'kommune' ? 4 : 6;
    if (code.length > width) return { error: msg(TOO_MANY_DIGITS[level], { code }) };
    const padded = code.padStart(width, '0');
    if (level === 'bydel') return this.resolveBydel(padded, labelName, validity);
    const current = this.register.current(level, padded);
    if (current) {
      return this.resolved(
        { code: current.code, level, name: current.name },
        null,
        validity ? validity.validFrom : current.validFrom,
        validity ? validity.validTo : current.validTo,
      );
    }
    const old = this.register.historic(level, padded);
    if (old) return this.fromArea(old, padded, validity);
    // Areas outside the municipalities and counties: Svalbard (21, 2111), the shelf (23, 2311),
    // abroad and unknown (25, 88, 99, 9999, "Uoppgitt kommune i …" xx99), historical units.
    const known = this.register.otherArea(level, padded);
    if (known) return this.other(padded, known, labelName, validity, 'special');
    const prefix = padded.slice(0, 2);
    if (SPECIAL_COUNTY_PREFIXES.has(prefix)) return this.other(padded, this.register.otherArea('fylke', prefix), labelName, validity, 'special');
    if (level === 'kommune' && padded.endsWith('99') && this.register.current('fylke', prefix)) return this.other(padded, undefined, labelName ?? `Uoppgitt kommune ${this.register.current('fylke', prefix)!.name}`, validity, 'uoppgitt');
    // A number the register does not know, with the period SSB gives it ended: a historical unit.
    if (validity?.validTo != null && labelName) return this.other(padded, undefined, labelName, validity, 'historic');
    return { error: msg(level === 'fylke' ? 'issue.geo.countyNotInRegister' : 'issue.geo.municipalityNotInRegister', { code: padded }) };
  }

  /** City districts, a city's total (= the municipality) and its unknown district. */
  private resolveBydel(code: string, labelName: string | null, validity: { validFrom: number | null; validTo: number | null } | null): Resolution {
    const digits = code.slice(0, 6);
    const entry = this.register.bydel(code, { name: labelName, validFrom: validity?.validFrom ?? null, validTo: validity?.validTo ?? null });
    const kommuneCode = digits.slice(0, 4);
    const part = digits.slice(4);
    if (entry?.kind === 'total' || (!entry && part === '00')) {
      // "030100aa Oslo total" is the municipality itself, in the period of that series.
      const v = entry ? { validFrom: validity?.validFrom ?? entry.validFrom, validTo: validity?.validTo ?? entry.validTo } : validity;
      const r = this.resolveCode(kommuneCode, 'K', null, v && (v.validFrom !== null || v.validTo !== null) ? v : null);
      if (!isResolved(r)) return { error: msg('issue.geo.totalNotInRegister', { code, kommune: kommuneCode }) };
      return r;
    }
    if (entry?.kind === 'uoppgitt' || (!entry && part === '99')) {
      const name = entry?.name ?? labelName ?? `Uoppgitt bydel ${this.register.current('kommune', kommuneCode)?.name ?? kommuneCode}`;
      return this.other(entry?.code ?? digits, undefined, name, entry ? { validFrom: entry.validFrom, validTo: entry.validTo } : validity, 'uoppgitt');
    }
    if (entry) return this.fromBydel(entry, code);
    if (/[a-z]$/.test(code)) return { error: msg('issue.geo.notBydelCode', { code }) };
    const kommune = this.register.current('kommune', kommuneCode);
    if (!kommune) return { error: msg('issue.geo.bydelNoKommune', { code: digits, kommune: kommuneCode }) };
    // A district the register does not list yet (SSB adds districts): kept with the label's name.
    return this.resolved({ code: digits, level: 'bydel', name: labelName ?? `Bydel ${digits}` }, null, validity?.validFrom ?? null, validity?.validTo ?? null);
  }

  private fromBydel(b: BydelEntry, written: string): Resolution {
    if (b.successor) {
      const now = this.register.bydel(b.successor);
      if (now?.code) {
        return this.resolved({ code: now.code, level: 'bydel', name: now.name }, written, b.validFrom, b.validTo, {
          code: 'harmonised-geography',
          message: msg('issue.geo.bydelRenumbered', { old: b.ssbCode, name: b.name, span: `${b.validFrom ?? ''}-${b.validTo ?? ''}`, code: now.code, newName: now.name }),
        });
      }
    }
    return this.resolved({ code: b.code ?? b.klassCode, level: 'bydel', name: b.name }, null, b.validFrom, b.validTo);
  }

  /** An area at level `other`: read, reported once per file as a note, left out of comparisons. */
  private other(code: string, entry: OtherAreaEntry | undefined, labelName: string | null, validity: { validFrom: number | null; validTo: number | null } | null, fallback: OtherAreaEntry['kind']): Resolution {
    const kind = entry?.kind ?? fallback;
    // The register's name when the code is the register's own; else what the file calls it.
    const name = (entry && entry.code === code ? entry.name : null) ?? labelName ?? entry?.name ?? `Område ${code}`;
    const validFrom = validity ? validity.validFrom : (entry?.code === code ? entry.validFrom : null);
    const validTo = validity ? validity.validTo : (entry?.code === code ? entry.validTo : null);
    const span = code.includes(':') ? '' : validFrom !== null && validTo !== null ? msg('issue.geo.spanBetween', { from: validFrom, to: validTo }) : validTo !== null ? msg('issue.geo.spanUntil', { to: validTo }) : validFrom !== null ? msg('issue.geo.spanFrom', { from: validFrom }) : '';
    return this.resolved({ code, level: 'other', name }, null, validFrom, validTo, {
      code: 'special-area',
      onceKey: 'special-area',
      message: msg('issue.geo.specialArea', { code, name, span, kind: msg(`issue.geo.kind.${kind}` as MessageKey) }),
    });
  }

  private fromArea(area: Area, writtenCode: string | null, validity?: { validFrom: number | null; validTo: number | null } | null): Resolution {
    const validFrom = validity ? validity.validFrom : area.validFrom;
    const validTo = validity ? validity.validTo : area.validTo;
    const h = area.historic;
    if (!h) return this.resolved({ code: area.code, level: area.level, name: area.name }, null, validFrom, validTo);
    const span = `${h.validFrom ?? ''}-${h.validTo ?? ''}`;
    const fylke = area.level === 'fylke';
    if (h.kind === 'renumbered' && h.successors.length === 1) {
      const successor = this.register.current(area.level, h.successors[0]!);
      if (successor) {
        return this.resolved(
          { code: successor.code, level: area.level, name: successor.name },
          writtenCode ?? area.code,
          validFrom,
          validTo,
          { code: 'harmonised-geography', message: msg(fylke ? 'issue.geo.renumberedFylke' : 'issue.geo.renumberedKommune', { old: area.code, name: area.name, span, code: successor.code, newName: successor.name }) },
        );
      }
    }
    const into = andList(h.successors.map((c) => `${c} ${this.register.current(area.level, c)?.name ?? ''}`.trim()));
    const what = h.kind === 'split' ? (into ? msg('issue.geo.dividedInto', { into }) : msg('issue.geo.divided')) : msg('issue.geo.mergedInto', { into });
    const after = h.kind === 'merged' && area.level === 'kommune' ? msg('issue.geo.mergedCounts', { code: h.successors[0]! }) : '';
    return this.resolved(
      { code: area.code, level: area.level, name: area.name },
      null,
      validFrom,
      validTo,
      { code: 'historic-geography', message: msg(fylke ? 'issue.geo.historicFylke' : 'issue.geo.historicKommune', { code: area.code, name: area.name, span, what, after }) },
    );
  }

  private resolved(geo: Geography, harmonisedFrom: string | null, validFrom: number | null, validTo: number | null, note: GeoNote | null = null): Resolved {
    return { geo, harmonisedFrom, validFrom, validTo, note };
  }
}
