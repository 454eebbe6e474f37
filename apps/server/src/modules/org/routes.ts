import { Type } from 'typebox';
import type { App, AppContext } from '../../http/app-types.ts';
import { Id, IdParams } from '../../http/schemas.ts';
import { assertInScope, authorize, can } from '../access/authorize.ts';
import { originOf } from '../audit/record.ts';
import { createOrgUnit, renameOrgUnit } from './operations.ts';
import { presentOrgNode } from './presenter.ts';
import { orgRepository as repo } from './repository.ts';
import { OrgNode, OrgUnitDetail } from './schemas.ts';

const tags = ['org'];
const Name = Type.String({ minLength: 1, maxLength: 100 });

export function registerOrgRoutes(app: App, { db }: AppContext): void {
  app.get(
    '/api/org/units',
    {
      schema: {
        tags,
        summary: '层级树的子节点 (children of a unit; without parentId the roots of my scope)',
        querystring: Type.Object({ parentId: Type.Optional(Id) }),
        response: { 200: Type.Object({ items: Type.Array(OrgNode) }) },
      },
    },
    async (request) => {
      const actor = authorize(request, 'org.read');
      const { parentId } = request.query;
      if (!parentId) return { items: (await repo.scopeRoots(db, actor)).map(presentOrgNode) };
      const parent = await repo.findById(db, parentId);
      assertInScope(actor, parent?.path, '单位', parentId);
      const rows =
        parent!.level === 'grid' ? await repo.buildingNodes(db, parent!) : await repo.children(db, parentId);
      return { items: rows.map(presentOrgNode) };
    },
  );

  app.get(
    '/api/org/units/:id',
    {
      schema: {
        tags,
        summary: '单位详情 (one unit with its visible chain)',
        params: IdParams,
        response: { 200: OrgUnitDetail },
      },
    },
    async (request) => {
      const actor = authorize(request, 'org.read');
      const node = await repo.findNode(db, request.params.id);
      assertInScope(actor, node?.path, '单位', request.params.id);
      const chain = await repo.chainInScope(db, actor, node!.path);
      const actions = can(actor, 'org.write')
        ? ['org.rename', ...(node!.level === 'grid' ? [] : ['org.createChild'])]
        : [];
      return { ...presentOrgNode(node!), chain: chain.map(presentOrgNode), actions };
    },
  );

  app.post(
    '/api/org/units',
    {
      schema: {
        tags,
        summary: '新建下级单位 (create a child unit; level follows from the code)',
        body: Type.Object({
          parentId: Id,
          code: Type.String({ pattern: '^[0-9]{12}([0-9]{3})?$' }),
          name: Name,
        }),
        response: { 201: OrgNode },
      },
    },
    async (request, reply) => {
      const actor = authorize(request, 'org.write');
      const id = await createOrgUnit({ db, actor, origin: originOf(request), ...request.body });
      const node = await repo.findNode(db, id);
      return reply.status(201).send(presentOrgNode(node!));
    },
  );

  app.patch(
    '/api/org/units/:id',
    {
      schema: {
        tags,
        summary: '重命名单位 (rename a unit)',
        params: IdParams,
        body: Type.Object({ name: Name }),
        response: { 200: OrgNode },
      },
    },
    async (request) => {
      const actor = authorize(request, 'org.write');
      await renameOrgUnit({
        db,
        actor,
        origin: originOf(request),
        id: request.params.id,
        name: request.body.name,
      });
      return presentOrgNode((await repo.findNode(db, request.params.id))!);
    },
  );
}
