import type { Geometry } from '@wangge/rules';
import type { OrgLevel } from '../../db/schema.ts';

// The demo generator's output: plain data, no database, so benchmarks and tests can use it directly.
export interface DemoOrgUnit {
  code: string;
  name: string;
  level: OrgLevel;
  parentCode: string | null;
  /** Communities and grids always have one; higher levels do too (union of their children). */
  boundary: Geometry | null;
}

export interface DemoGrid {
  code: string;
  kind: 'base' | 'special';
  specialType: 'school' | 'hospital' | 'park' | 'market' | 'enterprise' | 'other' | null;
  households: number;
  population: number;
}

export interface DemoBuilding {
  code: string;
  gridCode: string;
  name: string;
  address: string;
  lon: number;
  lat: number;
  floors: number;
  units: number;
  households: number;
}

export interface DemoDepartment {
  code: string;
  name: string;
  kind: string;
  isPolice: boolean;
  orgUnitCode: string;
}

export interface DemoUser {
  username: string;
  displayName: string;
  phone: string;
  password: string;
  roles: string[];
  orgUnitCodes: string[];
  departmentCodes: string[];
  team: { gridCode: string; teamRole: 'leader' | 'instructor' | 'full_time' | 'part_time' }[];
}

export interface DemoData {
  orgUnits: DemoOrgUnit[];
  grids: DemoGrid[];
  buildings: DemoBuilding[];
  departments: DemoDepartment[];
  users: DemoUser[];
}
