import { wgs84ToGcj02 } from '@wangge/rules';

/**
 * Our data is WGS-84. AMap and Tencent tiles are drawn in GCJ-02, so on them every coordinate is
 * shifted the same way or a dot lands a few hundred metres off its street; Tianditu and our own
 * base map need nothing.
 */
export function screenCoords(
  tileUrl: string | null | undefined,
): (lon: number, lat: number) => [number, number] {
  const gcj = !!tileUrl && /autonavi|amap|gtimg|map\.qq|tencent/i.test(tileUrl);
  return gcj ? wgs84ToGcj02 : (lon, lat) => [lon, lat];
}

/** Significant code digits per level: a grid belongs to the child unit its code starts with. */
export const CODE_DIGITS: Record<string, number> = { district: 6, street: 9, community: 12, grid: 15 };
