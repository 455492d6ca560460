import { useMutation } from '@tanstack/react-query';
import { notifyDone } from '../notify';
import { useRefreshAfterChange } from '../queries';

interface Options<V, R> {
  caseId: string;
  customerId: string;
  /** The API call(s) for these inputs. */
  run: (input: V) => Promise<R>;
  /** What to tell the agent once it worked. */
  success: (input: V) => string;
  onDone?: (result: R) => void;
}

/**
 * One action on a case: call the API, say it worked, refresh the case, its customer and the
 * queues. A failure stays on the mutation for the modal to show next to what was typed.
 */
export function useCaseAction<V, R = unknown>({ caseId, customerId, run, success, onDone }: Options<V, R>) {
  const refresh = useRefreshAfterChange();
  return useMutation({
    mutationFn: run,
    onSuccess: (result, input) => {
      notifyDone(success(input));
      refresh(caseId, customerId);
      onDone?.(result);
    },
  });
}
