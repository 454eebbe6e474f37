// Public API of @wangge/rules: domain rules shared by the server and the browser, free of
// frameworks and Node-only APIs.

export * from './cases/actions.ts';
export * from './cases/calendar.ts';
export * from './cases/calendar-check.ts';
export * from './cases/deadline.ts';
export * from './cases/duplicates.ts';
export * from './cases/rates.ts';
export * from './cases/states.ts';
export * from './codes.ts';
export * from './geo/locator.ts';
export * from './geo/measure.ts';
export * from './geo/orient.ts';
export * from './geo/parse.ts';
export * from './geo/point-in.ts';
export * from './geo/tiling.ts';
export * from './geo/types.ts';
export * from './grants.ts';
export * from './household.ts';
export * from './inspections/cycle.ts';
export * from './inspections/results.ts';
export * from './mask.ts';
export * from './password/policy.ts';
export * from './permissions.ts';
export * from './random.ts';
export * from './registers/credit-code.ts';
export * from './registers/field-specs.ts';
export * from './registers/groups.ts';
export * from './registers/id-number.ts';
export * from './registers/phone.ts';
export * from './registers/residence-roles.ts';
export * from './registers/search-keys.ts';
export * from './scope.ts';
export * from './services/errands.ts';
export * from './services/visits.ts';
export * from './storable-text.ts';
export * from './labels/index.ts';
