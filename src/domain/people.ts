/** Would making `supervisorId` the supervisor of `userId` put someone above themselves? */
export function wouldCreateSupervisorLoop(
  userId: string,
  supervisorId: string | null,
  supervisorOf: (id: string) => string | null,
): boolean {
  const seen = new Set<string>([userId]);
  let current = supervisorId;
  while (current !== null) {
    if (seen.has(current)) return true;
    seen.add(current);
    current = supervisorOf(current);
  }
  return false;
}
