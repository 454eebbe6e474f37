// "Tell me when an insert into this table has committed", for work that must follow a commit and
// may not run inside it: the audit linker (modules/audit/linker.ts) chains records only once their
// transaction is visible. Kysely has no commit hooks, so the driver is wrapped: a connection that
// inserted into a watched table inside a transaction fires after its COMMIT (never after a
// rollback); outside a transaction, right after the statement.
import type {
  CompiledQuery,
  DatabaseConnection,
  Dialect,
  Driver,
  QueryCompiler,
  QueryResult,
  TransactionSettings,
} from 'kysely';

export class CommitWatches {
  private readonly watches = new Map<string, { insert: RegExp; listeners: Set<() => void> }>();

  /** Calls onCommit after each commit that inserted into `table`; returns the unsubscribe. */
  add(table: string, onCommit: () => void): () => void {
    const watch = this.watches.get(table) ?? {
      // Kysely's `insert into "t"` and hand-written `INSERT INTO t (`, alone or in a WITH.
      insert: new RegExp(`\\binsert\\s+into\\s+"?${table}"?[\\s(]`, 'i'),
      listeners: new Set<() => void>(),
    };
    this.watches.set(table, watch);
    watch.listeners.add(onCommit);
    return () => {
      watch.listeners.delete(onCommit);
      if (watch.listeners.size === 0) this.watches.delete(table);
    };
  }

  /** The listeners of the watched tables a statement inserts into. */
  matching(sqlText: string): Set<() => void>[] {
    const found = [];
    for (const { insert, listeners } of this.watches.values())
      if (insert.test(sqlText)) found.push(listeners);
    return found;
  }
}

function fire(sets: Iterable<Set<() => void>>): void {
  for (const set of sets) for (const onCommit of set) onCommit();
}

class WatchedConnection implements DatabaseConnection {
  inTransaction = false;
  readonly touched = new Set<Set<() => void>>();

  constructor(
    readonly inner: DatabaseConnection,
    private readonly watches: CommitWatches,
  ) {}

  async executeQuery<R>(compiled: CompiledQuery): Promise<QueryResult<R>> {
    const result = await this.inner.executeQuery<R>(compiled);
    const sets = this.watches.matching(compiled.sql);
    if (sets.length) {
      if (this.inTransaction) for (const set of sets) this.touched.add(set);
      else fire(sets);
    }
    return result;
  }

  streamQuery<R>(compiled: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(compiled, chunkSize);
  }

  endTransaction(committed: boolean): void {
    this.inTransaction = false;
    if (committed) fire(this.touched);
    this.touched.clear();
  }
}

class WatchingDriver implements Driver {
  constructor(
    private readonly inner: Driver,
    private readonly watches: CommitWatches,
  ) {}

  init() {
    return this.inner.init();
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    return new WatchedConnection(await this.inner.acquireConnection(), this.watches);
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const c = connection as WatchedConnection;
    await this.inner.beginTransaction(c.inner, settings);
    c.inTransaction = true;
  }

  async commitTransaction(connection: DatabaseConnection) {
    const c = connection as WatchedConnection;
    await this.inner.commitTransaction(c.inner);
    c.endTransaction(true);
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    const c = connection as WatchedConnection;
    try {
      await this.inner.rollbackTransaction(c.inner);
    } finally {
      c.endTransaction(false);
    }
  }

  savepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.savepoint!((connection as WatchedConnection).inner, name, compile);
  }

  rollbackToSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.rollbackToSavepoint!((connection as WatchedConnection).inner, name, compile);
  }

  releaseSavepoint(connection: DatabaseConnection, name: string, compile: QueryCompiler['compileQuery']) {
    return this.inner.releaseSavepoint!((connection as WatchedConnection).inner, name, compile);
  }

  releaseConnection(connection: DatabaseConnection) {
    return this.inner.releaseConnection((connection as WatchedConnection).inner);
  }

  destroy() {
    return this.inner.destroy();
  }
}

/** The dialect with its driver wrapped; everything else is the inner dialect's. */
export function watchingCommits(inner: Dialect, watches: CommitWatches): Dialect {
  return {
    createAdapter: () => inner.createAdapter(),
    createDriver: () => new WatchingDriver(inner.createDriver(), watches),
    createQueryCompiler: () => inner.createQueryCompiler(),
    createIntrospector: (db) => inner.createIntrospector(db),
  };
}
