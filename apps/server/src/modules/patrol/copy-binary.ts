// Positions in PostgreSQL's binary COPY format (COPY … FROM STDIN (FORMAT binary)): the server
// reads fixed-width numbers as they are instead of parsing decimal text, and no timestamp or float
// is formatted as text here. Layout: signature, flags, header extension length; per tuple a 16-bit
// field count, then per field a 32-bit byte length (-1 for NULL) and the value in network order
// (timestamps as microseconds since 2000-01-01); a field count of -1 ends the data.
import { accuracyOf, altitudeOf, batteryOf, headingOf, type Origin, speedOf } from './fix-values.ts';
import type { Fix } from './pipeline.ts';

/** The column list the tuples follow, in order. */
export const POSITION_COPY_COLUMNS =
  'user_id, device_id, recorded_at, received_at, lon, lat, accuracy_m, speed_mps, heading, altitude, battery, grid_id, source';
const FIELDS = 13;
export const COPY_HEADER = Buffer.concat([Buffer.from('PGCOPY\n\xff\r\n\0', 'latin1'), Buffer.alloc(8)]);
export const COPY_TRAILER = Buffer.from([0xff, 0xff]);
const PG_EPOCH_MS = Date.UTC(2000, 0, 1);
const TWO_32 = 2 ** 32;
/** Bytes of a tuple besides its two text values: count, 13 lengths, 6 eight-, 4 four-, 1 two-byte value. */
const FIXED_BYTES = 2 + FIELDS * 4 + 6 * 8 + 4 * 4 + 2;

/** A bigint as the two 32-bit halves of its two's complement. */
function int64(v: bigint): [number, number] {
  return [Number(BigInt.asIntN(32, v >> 32n)), Number(BigInt.asUintN(32, v))];
}
const idHalves = (id: string) => int64(BigInt(id));
const microsHalves = (ms: number) => int64(BigInt(ms - PG_EPOCH_MS) * 1000n);

/**
 * One request's fixes as binary COPY tuples, without header and trailer (COPY_HEADER,
 * COPY_TRAILER), so that the tuples of many requests make one COPY. The columns all of them
 * share are encoded once.
 */
export class PositionTuples {
  count = 0;
  private readonly buf: Buffer;
  private o = 0;
  private readonly user: [number, number];
  private readonly device: Buffer | null;
  private readonly received: [number, number];
  private readonly source: Buffer;
  private readonly grids = new Map<string, [number, number]>();

  constructor(capacity: number, origin: Origin) {
    this.user = idHalves(origin.userId);
    this.device = origin.deviceId === null ? null : Buffer.from(origin.deviceId, 'utf8');
    this.received = microsHalves(origin.receivedAt.getTime());
    this.source = Buffer.from(origin.source, 'latin1');
    this.buf = Buffer.allocUnsafe(capacity * (FIXED_BYTES + (this.device?.length ?? 0) + this.source.length));
  }

  /** Appends a fix recorded at `t` (epoch milliseconds) lying in grid `gridId`. */
  add(t: number, fix: Fix, gridId: string | null): void {
    const b = this.buf;
    let o = b.writeInt16BE(FIELDS, this.o);
    o = b.writeInt32BE(8, o);
    o = b.writeInt32BE(this.user[0], o);
    o = b.writeUInt32BE(this.user[1], o);
    if (this.device === null) o = b.writeInt32BE(-1, o);
    else {
      o = b.writeInt32BE(this.device.length, o);
      o += this.device.copy(b, o);
    }
    o = b.writeInt32BE(8, o);
    // Microseconds within ±2^53 of 2000-01-01 (years 1715–2285) are exact as doubles.
    const us = (t - PG_EPOCH_MS) * 1000;
    if (Number.isSafeInteger(us)) {
      const hi = Math.floor(us / TWO_32);
      o = b.writeInt32BE(hi, o);
      o = b.writeUInt32BE(us - hi * TWO_32, o);
    } else o = b.writeBigInt64BE(BigInt(t - PG_EPOCH_MS) * 1000n, o);
    o = b.writeInt32BE(8, o);
    o = b.writeInt32BE(this.received[0], o);
    o = b.writeUInt32BE(this.received[1], o);
    o = b.writeInt32BE(8, o);
    o = b.writeDoubleBE(fix.lon, o);
    o = b.writeInt32BE(8, o);
    o = b.writeDoubleBE(fix.lat, o);
    o = real(b, o, accuracyOf(fix));
    o = real(b, o, speedOf(fix));
    o = real(b, o, headingOf(fix));
    o = real(b, o, altitudeOf(fix));
    const battery = batteryOf(fix);
    if (battery === null) o = b.writeInt32BE(-1, o);
    else {
      o = b.writeInt32BE(2, o);
      o = b.writeInt16BE(battery, o);
    }
    if (gridId === null) o = b.writeInt32BE(-1, o);
    else {
      let grid = this.grids.get(gridId);
      if (!grid) {
        grid = idHalves(gridId);
        this.grids.set(gridId, grid);
      }
      o = b.writeInt32BE(8, o);
      o = b.writeInt32BE(grid[0], o);
      o = b.writeUInt32BE(grid[1], o);
    }
    o = b.writeInt32BE(this.source.length, o);
    o += this.source.copy(b, o);
    this.o = o;
    this.count++;
  }

  get bytes(): Buffer {
    return this.buf.subarray(0, this.o);
  }
}

function real(b: Buffer, o: number, v: number | null): number {
  if (v === null) return b.writeInt32BE(-1, o);
  return b.writeFloatBE(v, b.writeInt32BE(4, o));
}
