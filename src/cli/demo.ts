export async function demoCommand(): Promise<void> {
  throw new Error('demo: not yet');
}
