// Intercom timestamps are unix seconds; the assistant reads ISO-8601 UTC.

// 0 and negatives mean "never" in Intercom payloads; beyond year 9999 is garbage.
const MAX_SECONDS = 253402300799;

function toDate(unixSeconds: number | null | undefined): Date | undefined {
  if (typeof unixSeconds !== 'number' || !Number.isFinite(unixSeconds) || unixSeconds <= 0 || unixSeconds > MAX_SECONDS) {
    return undefined;
  }
  return new Date(Math.floor(unixSeconds) * 1000);
}

/** `2025-06-01T09:00:00Z`, or undefined when the timestamp is missing/invalid (0 counts as missing). */
export function isoDate(unixSeconds: number | null | undefined): string | undefined {
  return toDate(unixSeconds)?.toISOString().replace('.000Z', 'Z');
}

/** `2025-06-01`: for one-line summaries. */
export function isoDay(unixSeconds: number | null | undefined): string | undefined {
  return toDate(unixSeconds)?.toISOString().slice(0, 10);
}

/** `09:00Z`: thread lines after the first one of the same day. */
export function isoMinute(unixSeconds: number | null | undefined): string | undefined {
  const iso = toDate(unixSeconds)?.toISOString();
  return iso ? `${iso.slice(11, 16)}Z` : undefined;
}
