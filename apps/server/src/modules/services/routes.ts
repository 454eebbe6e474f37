// Services in the field (DOMAIN.md §6): door-to-door visits against the daily target, and service
// errands (代办) a worker runs for residents through the grid leader to the department, and the
// errands residents ask for from the resident app.
import type { App, AppContext } from '../../http/app-types.ts';
import { DataCipher, resolveDataKey } from '../registers/privacy/crypto.ts';
import { registerErrandRequestRoutes } from './errand-requests/routes.ts';
import { registerErrandRoutes } from './errands/routes.ts';
import { registerVisitRoutes } from './visits/routes.ts';

export async function registerServiceRoutes(app: App, context: AppContext): Promise<void> {
  registerVisitRoutes(app, context);
  registerErrandRoutes(app, context, new DataCipher(await resolveDataKey(context.config)));
  registerErrandRequestRoutes(app, context);
}
