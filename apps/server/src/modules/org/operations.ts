import { childPath, isChildCode, levelOfCode, validateCode } from '@wangge/rules';
import type { Db } from '../../db/database.ts';
import { badRequest, conflict } from '../../http/errors.ts';
import type { Actor } from '../access/actor.ts';
import { assertInScope } from '../access/authorize.ts';
import { type AuditOrigin, recordAudit } from '../audit/record.ts';
import { orgRepository as repo } from './repository.ts';

export async function createOrgUnit(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  parentId: string;
  code: string;
  name: string;
}): Promise<string> {
  const { db, actor } = options;
  return db.transaction().execute(async (trx) => {
    const parent = await repo.findById(trx, options.parentId);
    assertInScope(actor, parent?.path, '上级单位', options.parentId);
    const checked = validateCode(options.code);
    if (!checked.ok) throw badRequest('code', `区划代码无效: ${checked.reason} (invalid code)`);
    const level = levelOfCode(options.code);
    if (!level || !isChildCode(parent!.code, options.code)) {
      throw badRequest(
        'code',
        `代码 ${options.code} 不是 ${parent!.code} 的下一级代码 (code is not a direct child of the parent's code)`,
        {
          parentCode: parent!.code,
        },
      );
    }
    if (await repo.findByCode(trx, options.code)) {
      throw conflict(`代码 ${options.code} 已存在 (code already exists)`, { field: 'code' });
    }
    const { id } = await repo.insert(trx, {
      parentId: parent!.id,
      level,
      code: options.code,
      name: options.name,
      path: childPath(parent!.path, options.code),
    });
    if (level === 'grid') {
      await trx
        .insertInto('grids')
        .values({ org_unit_id: id, kind: 'base', households: 0, population: 0 })
        .execute();
    }
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'org.create',
      targetType: 'org_unit',
      targetId: id,
      details: { code: options.code, name: options.name, level },
    });
    return id;
  });
}

export async function renameOrgUnit(options: {
  db: Db;
  actor: Actor;
  origin: AuditOrigin;
  id: string;
  name: string;
}) {
  const { db, actor } = options;
  await db.transaction().execute(async (trx) => {
    const unit = await repo.findById(trx, options.id);
    assertInScope(actor, unit?.path, '单位', options.id);
    await repo.rename(trx, options.id, options.name);
    await recordAudit(trx, options.origin, {
      userId: actor.userId,
      action: 'org.rename',
      targetType: 'org_unit',
      targetId: options.id,
      details: { from: unit!.name, to: options.name },
    });
  });
}
