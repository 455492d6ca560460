/**
 * A letter shortcut must not act behind an open dialog (Mantine's hotkeys already skip fields
 * being typed in): pressing J on a modal's button would otherwise open another case under it.
 */
export function unlessDialogOpen(action: () => void): () => void {
  return () => {
    if (document.querySelector('[role="dialog"][aria-modal="true"], .mantine-Modal-content')) return;
    action();
  };
}
