import type { Geography } from '../model/observation.js';
import { parseRegionLabel } from './labels.js';
import type { Area, GeoRegister } from './register.js';

export interface GeoNote {
  code: 'harmonised-geography' | 'historic-geography';
  message: string;
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

export type Resolution = Resolved | { error: string };

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
      const label = parseRegionLabel(raw);
      r = label && label.name === null ? this.resolveCode(label.code, label.levelHint, null, null) : { error: `"${raw}" is not a region code` };
      this.cache.set(k, r);
    }
    return r;
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
    const current = this.register.byName(name);
    if (current.length === 1) return this.fromArea(current[0]!, null);
    if (current.length > 1) {
      const options = current.map((a) => `${a.code} ${a.name}`).join(', ');
      return { error: `the name "${name.trim()}" fits several areas (${options}); write the region number instead` };
    }
    const old = this.register.historicByName(name);
    if (old.length === 1) return this.fromArea(old[0]!, old[0]!.code);
    if (old.length > 1) {
      const options = old.map((a) => `${a.code} ${a.name}`).join(', ');
      return { error: `the name "${name.trim()}" fits several former areas (${options}); write the region number instead` };
    }
    return { error: `"${name.trim()}" is not a municipality, county or "Hele landet" in the register` };
  }

  private resolveCode(
    code: string,
    hint: 'K' | 'F' | null,
    labelName: string | null,
    label: { validFrom: number | null; validTo: number | null } | null,
  ): Resolution {
    const validity = label && (label.validFrom !== null || label.validTo !== null) ? label : null;
    if (code === 'EAK') return this.resolved({ code: '0', level: 'land', name: this.register.land.name }, null, null, null);
    if (code === 'EAKUO') return this.resolved({ code: 'EAKUO', level: 'kostragruppe', name: 'Landet uten Oslo' }, null, null, null);
    if (code.startsWith('EKA')) {
      const f = this.register.current('fylke', code.slice(3)) ?? this.register.historic('fylke', code.slice(3));
      if (!f) return { error: `KOSTRA county aggregate ${code} names no county in the register` };
      return this.fromArea(f, null);
    }
    if (code.startsWith('EKG')) {
      return this.resolved({ code, level: 'kostragruppe', name: labelName ?? `KOSTRA-gruppe ${Number(code.slice(3))}` }, null, null, null);
    }
    if (/^0+$/.test(code) && hint !== 'K') return this.fromArea(this.register.land, null);
    let level: 'fylke' | 'kommune' | 'bydel';
    if (hint === 'F' || (hint === null && code.length <= 2)) level = 'fylke';
    else if (code.length <= 4) level = 'kommune';
    else level = 'bydel';
    const width = level === 'fylke' ? 2 : level === 'kommune' ? 4 : 6;
    if (code.length > width) return { error: `"${code}" has too many digits for a ${level} number` };
    const padded = code.padStart(width, '0');
    if (level === 'bydel') {
      const kommune = this.register.current('kommune', padded.slice(0, 4));
      if (!kommune) return { error: `bydel ${padded} belongs to no municipality ${padded.slice(0, 4)} in the register` };
      return this.resolved({ code: padded, level: 'bydel', name: labelName ?? `Bydel ${padded}` }, null, null, null);
    }
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
    return { error: `${level === 'fylke' ? 'county' : 'municipality'} number ${padded} is not in the register (current or former)` };
  }

  private fromArea(area: Area, writtenCode: string | null, validity?: { validFrom: number | null; validTo: number | null } | null): Resolution {
    const validFrom = validity ? validity.validFrom : area.validFrom;
    const validTo = validity ? validity.validTo : area.validTo;
    const h = area.historic;
    if (!h) return this.resolved({ code: area.code, level: area.level, name: area.name }, null, validFrom, validTo);
    const span = `${h.validFrom ?? ''}-${h.validTo ?? ''}`;
    const noun = area.level === 'fylke' ? 'county' : 'municipality';
    if (h.kind === 'renumbered' && h.successors.length === 1) {
      const successor = this.register.current(area.level, h.successors[0]!);
      if (successor) {
        return this.resolved(
          { code: successor.code, level: area.level, name: successor.name },
          writtenCode ?? area.code,
          validFrom,
          validTo,
          { code: 'harmonised-geography', message: `${noun} ${area.code} ${area.name} (${span}) is now ${successor.code} ${successor.name}; its rows are counted under ${successor.code}` },
        );
      }
    }
    const into = h.successors.map((c) => `${c} ${this.register.current(area.level, c)?.name ?? ''}`.trim()).join(' and ');
    const what = h.kind === 'split' ? `was divided${into ? ` (into ${into})` : ''}` : `was merged into ${into}`;
    const after = h.kind === 'merged' && area.level === 'kommune' ? `; the indicators add its counts into ${h.successors[0]} for the years before the merger` : '';
    return this.resolved(
      { code: area.code, level: area.level, name: area.name },
      null,
      validFrom,
      validTo,
      { code: 'historic-geography', message: `${noun} ${area.code} ${area.name} (${span}) ${what}; its rows are kept under the old number ${area.code}${after}` },
    );
  }

  private resolved(geo: Geography, harmonisedFrom: string | null, validFrom: number | null, validTo: number | null, note: GeoNote | null = null): Resolved {
    return { geo, harmonisedFrom, validFrom, validTo, note };
  }
}
