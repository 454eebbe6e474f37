import { areaM2, bboxOf, childPath, type Polygon } from '@wangge/rules';
import type { Db } from '../src/db/database.ts';
import type { OrgLevel } from '../src/db/schema.ts';
import { hashPassword } from '../src/modules/auth/passwords.ts';

export function square(minLon: number, minLat: number, size: number): Polygon {
  return {
    type: 'Polygon',
    coordinates: [
      [
        [minLon, minLat],
        [minLon + size, minLat],
        [minLon + size, minLat + size],
        [minLon, minLat + size],
        [minLon, minLat],
      ],
    ],
  };
}

export async function createOrgUnit(
  db: Db,
  values: {
    code: string;
    name?: string;
    level: OrgLevel;
    parent?: { id: string; path: string } | null;
    boundary?: Polygon;
  },
) {
  const path = values.parent ? childPath(values.parent.path, values.code) : childPath('/', values.code);
  const row = await db
    .insertInto('org_units')
    .values({
      code: values.code,
      name: values.name ?? `单位${values.code}`,
      level: values.level,
      parent_id: values.parent?.id ?? null,
      path,
    })
    .returning(['id', 'path', 'code'])
    .executeTakeFirstOrThrow();
  if (values.level === 'grid') await db.insertInto('grids').values({ org_unit_id: row.id }).execute();
  if (values.boundary) {
    const [minLon, minLat, maxLon, maxLat] = bboxOf(values.boundary);
    await db
      .insertInto('boundaries')
      .values({
        org_unit_id: row.id,
        geometry: JSON.stringify(values.boundary),
        min_lon: minLon,
        min_lat: minLat,
        max_lon: maxLon,
        max_lat: maxLat,
        area_m2: areaM2(values.boundary),
      })
      .execute();
  }
  return row;
}

/** City → district → street → community, the community covering `boundary`. */
export async function createChain(db: Db, options: { prefix?: string; boundary: Polygon }) {
  const p = options.prefix ?? '1301';
  const city = await createOrgUnit(db, { code: `${p}00000000`, level: 'city' });
  const district = await createOrgUnit(db, { code: `${p}02000000`, level: 'district', parent: city });
  const street = await createOrgUnit(db, { code: `${p}02001000`, level: 'street', parent: district });
  const community = await createOrgUnit(db, {
    code: `${p}02001001`,
    level: 'community',
    parent: street,
    boundary: options.boundary,
  });
  return { city, district, street, community };
}

let cachedHash: Promise<string> | null = null;
export async function createUser(
  db: Db,
  values: { username: string; roles: string[]; orgUnitIds?: string[]; password?: string },
) {
  cachedHash ??= hashPassword('Wangge@2026');
  const hash = values.password ? hashPassword(values.password) : cachedHash;
  const user = await db
    .insertInto('users')
    .values({ username: values.username, display_name: values.username, password_hash: await hash })
    .returning('id')
    .executeTakeFirstOrThrow();
  if (values.roles.length) {
    await db
      .insertInto('user_roles')
      .values(values.roles.map((role_code) => ({ user_id: user.id, role_code })))
      .execute();
  }
  for (const id of values.orgUnitIds ?? []) {
    await db.insertInto('user_assignments').values({ user_id: user.id, org_unit_id: id }).execute();
  }
  return user;
}
