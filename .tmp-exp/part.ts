import { dayBounds, dayOf, partitionName } from '../apps/server/src/modules/patrol/repository.ts';
const d = dayOf(Date.now() - 3 * 3600_000); const b = dayBounds(d);
console.log(`CREATE TABLE ${partitionName(d)} PARTITION OF positions FOR VALUES FROM ('${b.start.toISOString()}') TO ('${b.end.toISOString()}');`);
