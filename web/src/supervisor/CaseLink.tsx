import { Anchor } from '@mantine/core';
import { Link } from 'react-router';

/** A case reference that opens the case in the workspace. */
export function CaseLink({ caseId, reference }: { caseId: string; reference: string }) {
  return (
    <Anchor component={Link} to={`/work/cases/${caseId}`} fw={600} size="sm" style={{ whiteSpace: 'nowrap' }}>
      {reference}
    </Anchor>
  );
}
