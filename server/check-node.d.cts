/** The message for a Node older than `range` (">=N"), or null when `version` is new enough. */
export function checkNode(range: string | undefined, version: string): string | null;
