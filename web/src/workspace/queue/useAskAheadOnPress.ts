import { useQueryClient } from '@tanstack/react-query';
import type { KeyboardEvent } from 'react';
import { askForCaseScreen } from '../queries';
import type { QueueItem } from '../queue-types';
import { verificationStandingQuery } from '../verification/queries';

/**
 * Pressing a queue row (the pointer going down, or Enter) asks for the case screen and the
 * customer's verification standing at once, instead of after the router has drawn the new screen
 * and the case's answer has named the customer.
 */
export function useAskAheadOnPress(item: QueueItem, alreadyOpen: boolean) {
  const client = useQueryClient();
  const ask = () => {
    // The open case's screen is on show already: pressing its row again asks for nothing.
    if (alreadyOpen) return;
    askForCaseScreen(item.caseId);
    void client.prefetchQuery(verificationStandingQuery(item.customerId));
  };
  return {
    onPointerDown: ask,
    onKeyDown: (event: KeyboardEvent) => {
      if (event.key === 'Enter') ask();
    },
  };
}
