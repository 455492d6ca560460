import { Box, Button, Container, Stack, Text, Title } from '@mantine/core';
import { Link, Route, Routes, useParams } from 'react-router';
import { Loading } from '../components/states';
import { useSession } from '../session/session';
import { CasePage } from './CasePage';
import { NewRequestPage } from './NewRequestPage';
import { PortalHeader } from './PortalHeader';
import { PortalHome } from './PortalHome';
import { OtherOrganisationNote, StaffVisitorNote } from './PortalNotes';
import { PortalSignIn } from './PortalSignIn';

/**
 * The customer portal of one organisation (/portal/:organisation/*): its own frame, not the
 * staff one. Signed-out visitors sign in here; staff are told the portal is not for them.
 */
export function PortalPage() {
  const { organisation = '' } = useParams();
  const { me } = useSession();

  let content;
  if (me === undefined) content = <Loading label="Opening your portal…" />;
  else if (me === null) content = <PortalSignIn organisation={organisation} />;
  else if (me.role !== 'customer') content = <StaffVisitorNote me={me} />;
  else if (me.tenant !== organisation) content = <OtherOrganisationNote me={me} organisation={organisation} />;
  else {
    content = (
      <Routes>
        <Route index element={<PortalHome organisation={organisation} me={me} />} />
        <Route path="new" element={<NewRequestPage organisation={organisation} />} />
        <Route path="cases/:caseId" element={<CasePage organisation={organisation} />} />
        <Route path="*" element={<PortalNotFound organisation={organisation} />} />
      </Routes>
    );
  }

  return (
    <Box mih="100vh" bg="gray.0">
      <PortalHeader organisation={organisation} me={me} />
      <Container size={880} component="main" py="xl" px="md">
        {content}
      </Container>
    </Box>
  );
}

function PortalNotFound({ organisation }: { organisation: string }) {
  return (
    <Stack align="center" gap="xs" py="xl">
      <Title order={1} size="h2">
        Page not found
      </Title>
      <Text c="dimmed">There is nothing at this address in your portal.</Text>
      <Button component={Link} to={`/portal/${organisation}`} variant="light">
        Go to my requests
      </Button>
    </Stack>
  );
}
