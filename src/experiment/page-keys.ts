/**
 * Query keys that belong to the page rather than to the experiment: classroom settings (which
 * controls are hidden or locked) and the sweep (every sweep key starts with "sw"). They share the
 * URL with the experiment's keys, so the experiment codec must neither read them nor call them unknown.
 */
export const CLASSROOM_KEYS = ['hide', 'lock'] as const;

export const isPageKey = (key: string): boolean => (CLASSROOM_KEYS as readonly string[]).includes(key) || /^sw[a-z]*$/.test(key);
