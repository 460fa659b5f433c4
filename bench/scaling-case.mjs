// Generated cases of a chosen size for the browser benchmark (bench/app-bench.mjs):
// the same cases as the engine's scaling benchmark, written by
// engine/benches/scaling_cases.rs, ported line by line so the app's figures
// and the engine's compare like with like. Deterministic: a size always gives
// the same case.
//
//   node bench/scaling-case.mjs 200 6 > case.json

/** Measures in the measure sweep (with 6 units) and units in the unit sweep (with 16 measures). */
export const MEASURE_SIZES = [1, 4, 16, 64, 200];
export const UNITS_FOR_MEASURE_SWEEP = 6;
export const UNIT_SIZES = [1, 10, 50];
export const MEASURES_FOR_UNIT_SWEEP = 16;

/** Every (measures, units) size, measure sweep first, then both limits at once. */
export function sizes() {
  return [
    ...MEASURE_SIZES.map((m) => [m, UNITS_FOR_MEASURE_SWEEP]),
    ...UNIT_SIZES.map((u) => [MEASURES_FOR_UNIT_SWEEP, u]),
    [200, 50],
  ];
}

export const BIRTH = '2012-05-10';

/** Days since 1970-01-01 of a civil date (proleptic Gregorian; H. Hinnant's algorithm). */
function daysFromCivil(year, month, day) {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** `YYYY-MM-DD` of a day number from daysFromCivil. */
function civil(days) {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const pad = (n, w) => String(n).padStart(w, '0');
  return `${pad(year, 4)}-${pad(month, 2)}-${pad(day, 2)}`;
}

/** The day `fraction` (0..1) of the way from `from` to `to` (day numbers), truncated as Rust's `as i64`. */
const between = (from, to, fraction) => from + Math.trunc((to - from) * fraction);

function unit(number) {
  return number % 5 === 0
    ? { id: `u${number}`, name: `BUP ${number}`, kind: 'BUP' }
    : { id: `u${number}`, name: `Vårdcentral ${number}` };
}

/**
 * The case of scaling_cases.rs's `case_json(measures, units)`, as an object:
 * region "vgr", a child born 2012-05-10, two guardians from birth, and the
 * repeating mix of sealings (half unlocked), blockings (half lifted), login
 * locks with their unlocks, exception notes and extended access at 13–15.
 */
export function scalingCase(measures, units) {
  if (units < 1) throw new Error('a case needs at least one care unit');
  const birth = daysFromCivil(2012, 5, 10);
  const thirteen = daysFromCivil(2025, 5, 10);
  const sixteen = daysFromCivil(2028, 5, 10);
  const eighteen = daysFromCivil(2030, 5, 10);

  const list = [];
  let group = 0;
  let sealings = 0;
  let blockings = 0;
  let extended = 0;
  let nextUnit = 0;
  const nextUnitNumber = () => {
    nextUnit += 1;
    return ((nextUnit - 1) % units) + 1;
  };
  const common = (u, from, to) => ({
    decided_on: civil(from),
    decided_by: 'verksamhetschef',
    unit: `u${u}`,
    period: to == null ? { from: civil(from) } : { from: civil(from), to: civil(to) },
  });
  while (list.length < measures) {
    const spread = ((group + 1) * 0.618033988749895) % 1;
    const monthsLater = 91 + 30 * (group % 6);
    const n = list.length + 1;
    const kind = group % 6;
    if (kind === 0) {
      const u = nextUnitNumber();
      const from = between(birth + 30, eighteen - 400, spread);
      const scope = sealings % 2 === 0 ? { scope: 'whole' } : { scope: 'unit', sealed_unit: `u${u}` };
      const id = `m${n}-forsegling`;
      list.push({ id, ...common(u, from), type: 'sealing', initiating_units: [`u${u}`], ...scope, initiative: 'staff' });
      if (sealings % 2 === 0 && list.length < measures) {
        const n2 = list.length + 1;
        list.push({
          id: `m${n2}-upplasning`,
          ...common(u, from + monthsLater),
          type: 'unlock_request',
          sealing: id,
          requesting_unit: `u${u}`,
        });
      }
      sealings += 1;
    } else if (kind === 1) {
      const u = nextUnitNumber();
      const from = between(birth + 30, thirteen - 300, spread);
      const guardian = blockings % 2 === 0 ? 'vh1' : 'vh2';
      list.push({ id: `m${n}-blockering`, ...common(u, from), type: 'blocking', guardians: [guardian] });
      if (blockings % 4 < 2 && list.length < measures) {
        const n2 = list.length + 1;
        list.push({ id: `m${n2}-bryt-blockering`, ...common(u, from + monthsLater), type: 'blocking_lifted', guardian });
      }
      blockings += 1;
    } else if (kind === 2) {
      const u = nextUnitNumber();
      const from = between(birth + 30, eighteen - 400, spread);
      list.push({ id: `m${n}-lasning`, ...common(u, from), type: 'login_lock' });
      if (list.length < measures) {
        const n2 = list.length + 1;
        list.push({ id: `m${n2}-upplasning-inloggning`, ...common(u, from + monthsLater - 30), type: 'login_unlock' });
      }
    } else if (kind === 3) {
      const u = nextUnitNumber();
      const from = between(birth + 30, eighteen - 400, spread);
      list.push({
        id: `m${n}-anteckning`,
        ...common(u, from),
        type: 'exception_note',
        category: 'Orosanmälan gällande barn',
        note_unit: `u${u}`,
        investigation_until: civil(from + monthsLater - 30),
      });
    } else {
      const u = nextUnitNumber();
      const from = between(thirteen, sixteen - 200, spread);
      const to = Math.min(from + 180 + 90 * (extended % 4), sixteen - 1);
      const head = common(u, from, to);
      if (kind === 4) {
        list.push({ id: `m${n}-utokad-barnet`, ...head, type: 'extended_access_child', access_unit: `u${u}` });
      } else {
        const guardian = Math.floor(group / 6) % 2 === 0 ? 'vh1' : 'vh2';
        list.push({ id: `m${n}-utokad-vh`, ...head, type: 'extended_access_guardian', guardian, access_unit: `u${u}` });
      }
      extended += 1;
    }
    group += 1;
  }
  return {
    format_version: 1,
    title: `Skalning: ${measures} åtgärder, ${units} vårdenheter`,
    region: 'vgr',
    child: { birth_date: BIRTH, name: 'Skalning Barn', has_e_id: true },
    guardians: [
      { id: 'vh1', name: 'Vårdnadshavare Ett', registered: { from: BIRTH } },
      { id: 'vh2', name: 'Vårdnadshavare Två', registered: { from: BIRTH } },
    ],
    care_units: Array.from({ length: units }, (_, i) => unit(i + 1)),
    measures: list,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [measures, units] = process.argv.slice(2).map(Number);
  console.log(JSON.stringify(scalingCase(measures, units), null, 2));
}
