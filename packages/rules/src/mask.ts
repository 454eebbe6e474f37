// Masking for display and logs: enough of the value stays to recognise it, never enough to use it.

function maskMiddle(value: string, head: number, tail: number): string {
  return value.slice(0, head) + '*'.repeat(value.length - head - tail) + value.slice(value.length - tail);
}

// Short values keep proportionally less so that at least half is always hidden.
function maskShort(value: string): string {
  const keep = Math.floor(value.length / 4);
  return maskMiddle(value, keep, Math.max(keep, value.length > 1 ? 1 : 0));
}

/** '13812345678' → '138****5678'; a +86 prefix stays readable; other shapes mask their middle. */
export function maskPhone(phone: string | null | undefined): string | null {
  if (phone === null || phone === undefined) return null;
  const value = phone.trim();
  const mobile = /^(\+?86[- ]?)?(1\d{10})$/.exec(value);
  if (mobile) return (mobile[1] ?? '') + maskMiddle(mobile[2]!, 3, 4);
  if (value.length >= 11) return maskMiddle(value, 3, 4);
  return maskShort(value);
}

/** Resident ID (18 or legacy 15 characters): first 4 (province and city) and last 4 stay. */
export function maskIdNumber(id: string | null | undefined): string | null {
  if (id === null || id === undefined) return null;
  const value = id.trim();
  if (value.length > 8) return maskMiddle(value, 4, 4);
  return maskShort(value);
}
