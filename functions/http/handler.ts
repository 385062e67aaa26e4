// Placeholder entry point; the real handler lands with the walking skeleton.
export const handler = async (): Promise<void> => {};
