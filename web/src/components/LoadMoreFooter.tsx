import { Button, Group, type ButtonVariant } from '@mantine/core';
import type { ReactNode } from 'react';
import { useLoadMoreSentinel } from './useLoadMoreSentinel';

/** What the footer needs of an infinite query (`useInfiniteQuery`'s result). */
interface Pages {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => Promise<unknown>;
}

interface Props {
  pages: Pages;
  label: string;
  variant?: ButtonVariant;
  /** Said instead of the button once everything is loaded. */
  end?: ReactNode;
}

/**
 * The end of a paged list: the next page loads as it scrolls into view, and a button does the
 * same for keyboards and for browsers that do not observe.
 */
export function LoadMoreFooter({ pages, label, variant = 'subtle', end = null }: Props) {
  const sentinel = useLoadMoreSentinel<HTMLDivElement>(
    pages.hasNextPage && !pages.isFetchingNextPage,
    () => void pages.fetchNextPage(),
  );
  return (
    <>
      <div ref={sentinel} />
      {pages.hasNextPage ? (
        <Group justify="center" p="sm">
          <Button
            variant={variant}
            size="xs"
            loading={pages.isFetchingNextPage}
            onClick={() => void pages.fetchNextPage()}
          >
            {label}
          </Button>
        </Group>
      ) : (
        end
      )}
    </>
  );
}
