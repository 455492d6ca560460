import { Box, Group, NavLink, Paper, Stack, Text } from '@mantine/core';
import {
  IconBuilding,
  IconClockHour4,
  IconKey,
  IconMail,
  IconScale,
  IconUsers,
  IconUsersGroup,
} from '@tabler/icons-react';
import { Link, Navigate, Route, Routes, useLocation } from 'react-router';
import { CasePolicySection } from './CasePolicySection';
import { ChannelsSection } from './ChannelsSection';
import { OrganisationSection } from './OrganisationSection';
import { PeopleSection } from './PeopleSection';
import { SlaSection } from './SlaSection';
import { TeamsSection } from './TeamsSection';
import { TokensSection } from './TokensSection';

const SECTIONS = [
  { path: 'organisation', label: 'Organisation', icon: IconBuilding, element: <OrganisationSection /> },
  { path: 'people', label: 'People', icon: IconUsers, element: <PeopleSection /> },
  { path: 'teams', label: 'Teams', icon: IconUsersGroup, element: <TeamsSection /> },
  { path: 'sla', label: 'SLA', icon: IconClockHour4, element: <SlaSection /> },
  { path: 'case-policy', label: 'Case policy', icon: IconScale, element: <CasePolicySection /> },
  { path: 'channels', label: 'Channels', icon: IconMail, element: <ChannelsSection /> },
  { path: 'tokens', label: 'API tokens', icon: IconKey, element: <TokensSection /> },
];

/** The administrator's console: one section per part of the organisation's set-up, chosen on the left. */
export function AdminPage() {
  const { pathname } = useLocation();
  return (
    <Box p="lg" maw={1400} mx="auto">
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <Paper
          withBorder
          radius="md"
          p="xs"
          w={220}
          style={{ flexShrink: 0 }}
          component="nav"
          aria-label="Admin sections"
        >
          <Stack gap={2}>
            <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pt={4} pb={6}>
              Administration
            </Text>
            {SECTIONS.map(({ path, label, icon: Icon }) => (
              <NavLink
                key={path}
                component={Link}
                to={`/admin/${path}`}
                active={pathname.startsWith(`/admin/${path}`)}
                aria-current={pathname.startsWith(`/admin/${path}`) ? 'page' : undefined}
                label={label}
                leftSection={<Icon size={18} aria-hidden />}
                style={{ borderRadius: 'var(--mantine-radius-sm)' }}
              />
            ))}
          </Stack>
        </Paper>
        <Box style={{ flex: 1, minWidth: 0 }}>
          <Routes>
            <Route index element={<Navigate to="organisation" replace />} />
            {SECTIONS.map(({ path, element }) => (
              <Route key={path} path={path} element={element} />
            ))}
            <Route path="*" element={<Navigate to="/admin/organisation" replace />} />
          </Routes>
        </Box>
      </Group>
    </Box>
  );
}
