// The registers (一标三实): addresses, houses, people, units, links, groups, history, search,
// building matrix and statistics, sharing one cipher made from the configured data key.
import type { App, AppContext } from '../../http/app-types.ts';
import { registerAddressRoutes } from './addresses/routes.ts';
import { registerExportRoutes } from './export/routes.ts';
import { registerGroupRoutes } from './groups/routes.ts';
import { registerHistoryRoutes } from './history/routes.ts';
import { registerHouseRoutes } from './houses/routes.ts';
import { registerImportRoutes } from './import/routes.ts';
import { registerLinkRoutes } from './links/routes.ts';
import { registerMatrixRoutes } from './matrix/routes.ts';
import { registerPeopleRoutes } from './people/routes.ts';
import { DataCipher, resolveDataKey } from './privacy/crypto.ts';
import { registerSearchRoutes } from './search/routes.ts';
import type { RegistersContext } from './shared.ts';
import { registerStatsRoutes } from './stats/routes.ts';
import { registerUnitRoutes } from './units/routes.ts';

export async function registerRegisterRoutes(
  app: App,
  { db, reads, config, gridIndex }: AppContext,
): Promise<void> {
  const ctx: RegistersContext = { db, reads, cipher: new DataCipher(await resolveDataKey(config)) };
  registerAddressRoutes(app, ctx);
  registerHouseRoutes(app, ctx);
  registerPeopleRoutes(app, ctx);
  registerUnitRoutes(app, ctx);
  registerLinkRoutes(app, ctx);
  registerGroupRoutes(app, ctx);
  registerHistoryRoutes(app, ctx);
  registerSearchRoutes(app, ctx);
  registerMatrixRoutes(app, ctx);
  registerStatsRoutes(app, ctx);
  await registerImportRoutes(app, { ...ctx, gridIndex });
  registerExportRoutes(app, { ...ctx, exportLimitPerHour: config.exportLimitPerHour });
}
