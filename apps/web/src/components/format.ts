/** Square metres as m² below one hectare-ish, else km². */
export function formatArea(areaM2: number | null | undefined, number: (n: number) => string): string {
  if (areaM2 === null || areaM2 === undefined) return '—';
  if (areaM2 < 100_000) return `${number(Math.round(areaM2))} m²`;
  return `${number(Math.round(areaM2 / 10_000) / 100)} km²`;
}
