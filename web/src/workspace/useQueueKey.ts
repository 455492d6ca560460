import { useSearchParams } from 'react-router';
import { isQueueKey, type QueueKey } from './queue-types';

/** The queue being worked, from `?queue=` (default: my own cases); it travels with every workspace link. */
export function useQueueKey(): QueueKey {
  const [params] = useSearchParams();
  const raw = params.get('queue');
  return isQueueKey(raw) ? raw : 'mine';
}

/** A workspace path that keeps the queue being worked. */
export function withQueue(path: string, queue: QueueKey): string {
  return queue === 'mine' ? path : `${path}?queue=${queue}`;
}
