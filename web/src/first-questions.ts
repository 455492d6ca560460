import type { QueryClient } from '@tanstack/react-query';
import { parseFilters } from './review/filters';
import { reviewQueueQuery } from './review/queries';
import { overviewQuery, recentAlertsQuery } from './supervisor/queries';
import { askForCaseScreen, queueItemsQuery, queuesQuery } from './workspace/queries';
import { isQueueKey } from './workspace/queue-types';

/**
 * On a page load, the questions the screen in the address asks first, asked at once, beside "who
 * is signed in", instead of after that answer and after the screen's code: a reload waited for
 * three round trips in a row. Nobody signed in, or another role: they are refused, and the screen
 * the person is sent to asks its own.
 */
export function askFirstQuestions(client: QueryClient, address: { pathname: string; search: string }): void {
  const { pathname } = address;
  const params = new URLSearchParams(address.search);
  const ask = (question: Promise<unknown>) => void question.catch(() => undefined);
  if (pathname === '/supervisor') {
    ask(client.prefetchQuery(overviewQuery));
    ask(client.prefetchQuery(recentAlertsQuery));
  } else if (pathname === '/review') {
    ask(client.prefetchInfiniteQuery(reviewQueueQuery(parseFilters(params))));
  } else if (pathname === '/work' || pathname === '/work/') {
    const queue = params.get('queue');
    ask(client.prefetchInfiniteQuery(queueItemsQuery(isQueueKey(queue) ? queue : 'mine')));
    ask(client.prefetchQuery(queuesQuery));
  } else {
    const caseId = /^\/work\/cases\/([0-9a-f-]{36})$/i.exec(pathname)?.[1];
    if (caseId) askForCaseScreen(caseId);
  }
}
