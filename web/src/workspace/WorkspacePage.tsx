import { Box, Button } from '@mantine/core';
import { Link, Route, Routes, useMatch } from 'react-router';
import { Empty } from '../components/states';
import { CaseView } from './case/CaseView';
import { CustomerView } from './customer/CustomerView';
import { LiveIndicator } from './LiveIndicator';
import { QueueList } from './queue/QueueList';
import { QueueNav } from './queue/QueueNav';
import { READABLE_DIMMED } from '../components/readable';
import { useLiveUpdates } from './useLiveUpdates';
import { usePrefetchWorkspaceLists } from './queries';

const HEADER_HEIGHT = 60;

/**
 * The agent's workspace: queues on the left, and the case — customer first — in the main area.
 * With no case open the selected queue fills the main area; once one is open, the queue folds
 * into the left column so the case gets the room.
 */
export function WorkspacePage() {
  const live = useLiveUpdates();
  usePrefetchWorkspaceLists();
  const onCase = useMatch('/work/cases/:caseId');
  const onCustomer = useMatch('/work/customers/:customerId');
  const somethingOpen = Boolean(onCase || onCustomer);

  return (
    <Box
      style={{
        ...READABLE_DIMMED,
        display: 'grid',
        gridTemplateColumns: '280px minmax(0, 1fr)',
        height: `calc(100dvh - ${HEADER_HEIGHT}px)`,
      }}
    >
      <Box
        component="aside"
        aria-label="Queues and cases"
        style={{
          display: 'flex',
          flexDirection: 'column',
          minHeight: 0,
          borderRight: '1px solid var(--mantine-color-gray-3)',
          background: 'var(--mantine-color-gray-0)',
        }}
      >
        {/* The browser's own scrolling: a drawn scrollbar measured the column on every case opened. */}
        <Box style={{ flex: 1, minHeight: 0, overflowY: 'auto', scrollbarWidth: 'thin' }}>
          <QueueNav />
          {somethingOpen ? <QueueList compact /> : null}
        </Box>
        <LiveIndicator state={live} />
      </Box>
      <Box id="workspace-main" style={{ minWidth: 0, minHeight: 0, overflowY: 'auto' }}>
        <Routes>
          <Route index element={<QueueList />} />
          <Route path="cases/:caseId" element={<CaseView />} />
          <Route path="customers/:customerId" element={<CustomerView />} />
          <Route path="*" element={<UnknownPlace />} />
        </Routes>
      </Box>
    </Box>
  );
}

function UnknownPlace() {
  return (
    <Empty title="Nothing here">
      This workspace address does not lead anywhere.{' '}
      <Button component={Link} to="/work" variant="subtle" size="compact-sm">
        Back to my queue
      </Button>
    </Empty>
  );
}
