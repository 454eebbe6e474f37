import { Type } from 'typebox';
import type { App } from '../../../http/app-types.ts';
import { authorize } from '../../access/authorize.ts';
import { RegisterSearchResult } from '../schemas.ts';
import type { RegistersContext } from '../shared.ts';
import { type SearchType, searchRegisters } from './search.ts';

const ALL: SearchType[] = ['person', 'house', 'unit', 'address'];

export function registerSearchRoutes(app: App, { reads, cipher }: RegistersContext): void {
  app.get(
    '/api/registers/search',
    {
      schema: {
        tags: ['registers'],
        summary:
          '一框搜索 (people, houses, units, addresses by name, address fragment, phone last 4, ID digits; ranked, paged with offset/limit, more = another page follows)',
        querystring: Type.Object({
          q: Type.String({ minLength: 1, maxLength: 60 }),
          types: Type.Optional(
            Type.String({ pattern: '^(person|house|unit|address)(,(person|house|unit|address))*$' }),
          ),
          limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })),
          offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 1000, default: 0 })),
        }),
        response: { 200: RegisterSearchResult },
      },
    },
    async (request) => {
      const actor = authorize(request, 'registers.read');
      const types = request.query.types ? (request.query.types.split(',') as SearchType[]) : ALL;
      return searchRegisters({
        db: reads.for(request),
        cipher,
        actor,
        q: request.query.q,
        types,
        limit: request.query.limit ?? 20,
        offset: request.query.offset ?? 0,
      });
    },
  );
}
