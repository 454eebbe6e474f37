// "Pick a building, know its households; pick a household, know its people": the building's
// unit × floor × room matrix with who lives in each room (masked) and the flags of the room.
import { householdMembers, residentCount } from '@wangge/rules';
import type { Static } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { IdParams } from '../../../http/schemas.ts';
import { assertInScope, authorize } from '../../access/authorize.ts';
import { presentPersonSummary } from '../people/presenter.ts';
import { BuildingMatrix, type MatrixRoom } from '../schemas.ts';
import { type RegistersContext, visibleSpecialTypes } from '../shared.ts';
import { matrixRepository as repo } from './repository.ts';

export function registerMatrixRoutes(app: App, { db, cipher }: RegistersContext): void {
  app.get(
    '/api/buildings/:id/matrix',
    {
      schema: {
        tags: ['registers'],
        summary: '楼栋户室图 (units × floors × rooms with occupants and flags)',
        params: IdParams,
        response: { 200: BuildingMatrix },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.read');
      const building = await repo.building(db, request.params.id);
      assertInScope(actor, building?.path, '楼栋', request.params.id);
      const rooms = await repo.rooms(db, building!.id);
      const occupants = await repo.occupants(
        db,
        rooms.flatMap((r) => (r.house_id ? [r.house_id] : [])),
      );
      const personIds = [...new Set(occupants.map((o) => o.id))];
      const [special, care, roles] = await Promise.all([
        repo.openGroups(db, 'special_group_records', personIds, visibleSpecialTypes(actor)),
        repo.openGroups(db, 'care_group_records', personIds),
        repo.roles(db, personIds),
      ]);
      const of = <T extends { person_id: string }>(rows: T[], id: string) =>
        rows.filter((r) => r.person_id === id);
      const units = new Map<number, Map<number, Static<typeof MatrixRoom>[]>>();
      let households = 0;
      for (const r of rooms) {
        const here = occupants.filter((o) => o.house_id === r.house_id && r.house_id !== null);
        // One row per person, not per link: an owner living in the flat has two links.
        const members = householdMembers(here.map((o) => ({ kind: o.kind, person: o })));
        const people = members.map(({ person: o, kinds }) => ({
          ...presentPersonSummary(cipher, o),
          linkKind: kinds[0]!,
          linkKinds: kinds,
          roles: of(roles, o.id).map((x) => x.kind),
          specialGroups: of(special, o.id).map((x) => x.type_code),
          careGroups: of(care, o.id).map((x) => x.type_code),
        }));
        const residents = residentCount(members);
        if (residents) households++;
        const cell = {
          addressId: r.id,
          room: r.room,
          houseId: r.house_id,
          use: r.use,
          residents,
          flags: {
            rental: r.is_rental === true,
            rentalHazard: r.rental_hazard,
            dangerous: r.is_dangerous === true,
            vacant: residents === 0,
            specialGroup: people.some((p) => p.specialGroups.length > 0),
            careGroup: people.some((p) => p.careGroups.length > 0),
            floating: people.some((p) => p.roles.includes('floating')),
          },
          people,
        };
        const floors = units.get(r.unit_no!) ?? new Map<number, Static<typeof MatrixRoom>[]>();
        units.set(r.unit_no!, floors);
        const list = floors.get(r.floor!) ?? [];
        floors.set(r.floor!, list);
        list.push(cell);
      }
      return {
        building: {
          id: building!.id,
          code: building!.code,
          name: building!.name,
          address: building!.address,
          floors: building!.floors,
          units: building!.units,
          grid: { id: building!.grid_id, name: building!.grid_name },
        },
        households,
        rooms: rooms.length,
        units: [...units.entries()].map(([unitNo, floors]) => ({
          unitNo,
          floors: [...floors.entries()].map(([floor, cells]) => ({ floor, rooms: cells })),
        })),
      };
    },
  );
}
