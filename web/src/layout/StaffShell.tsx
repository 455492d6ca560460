import { AppShell, Avatar, Badge, Group, Menu, Tabs, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKeyboard, IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { GlobalSearch } from '../search/GlobalSearch';
import { hasWorkspace, REVIEWING_ROLES, SUPERVISING_ROLES, useMe, useSession } from '../session/session';
import { OUTBOX_ROLES } from '../outbox/roles';
import type { Role } from '../api/types';
import { askFirstQuestions } from '../first-questions';
import { loadSectionsWhenIdle, SECTION_PATH, type Section } from '../section-code';
import { Brand } from './Brand';
import { ShortcutsHelp } from './ShortcutsHelp';

/** The sections this role may open, in the order the header lists them. */
function sectionsFor(role: Role): { value: Section; label: string; to: string }[] {
  const section = (value: Section, label: string) => ({ value, label, to: SECTION_PATH[value] });
  return [
    ...(hasWorkspace(role) ? [section('work', 'Workspace')] : []),
    ...(SUPERVISING_ROLES.includes(role) ? [section('supervisor', 'Supervisor')] : []),
    ...(REVIEWING_ROLES.includes(role) ? [section('review', 'Review')] : []),
    ...(OUTBOX_ROLES.includes(role) ? [section('outbox', 'Outbox')] : []),
    ...(role === 'admin' ? [section('admin', 'Admin')] : []),
  ];
}

/** The frame of every staff screen: brand, where to go, search, and who is signed in. */
export function StaffShell({ children }: { children: ReactNode }) {
  const me = useMe();
  const { signOut } = useSession();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const location = useLocation();
  const [helpOpen, setHelpOpen] = useState(false);
  const sections = useMemo(() => sectionsFor(me.role), [me.role]);
  const section = sections.find((s) => location.pathname.startsWith(s.to))?.value ?? 'work';
  useEffect(() => loadSectionsWhenIdle(sections.map((s) => s.value)), [sections]);

  return (
    <AppShell header={{ height: 60 }} padding={0}>
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between" wrap="nowrap">
          <Group gap="xl" wrap="nowrap">
            <Brand subtitle={me.tenant} />
            <Tabs
              value={section}
              onChange={(value) => {
                const to = sections.find((s) => s.value === value)?.to ?? '/';
                // The section's first data is asked for now, beside taking the last one down.
                askFirstQuestions(queryClient, new URL(to, window.location.origin));
                navigate(to);
              }}
              variant="pills"
              aria-label="Sections"
            >
              <Tabs.List>
                {sections.map((s) => (
                  <Tabs.Tab key={s.value} value={s.value}>
                    {s.label}
                  </Tabs.Tab>
                ))}
              </Tabs.List>
            </Tabs>
          </Group>
          <Group gap="md" wrap="nowrap">
            <GlobalSearch />
            <Menu position="bottom-end" width={220}>
              <Menu.Target>
                <UnstyledButton aria-label={`Account: ${me.name}`}>
                  <Group gap={8} wrap="nowrap">
                    <Avatar size={32} radius="xl" color="hearken" name={me.name} />
                    <div style={{ lineHeight: 1.1 }}>
                      <Text size="sm" fw={600}>
                        {me.name}
                      </Text>
                      <Badge size="xs" variant="light" color="gray">
                        {me.role}
                      </Badge>
                    </div>
                    <IconChevronDown size={14} aria-hidden />
                  </Group>
                </UnstyledButton>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{me.email}</Menu.Label>
                <Menu.Item leftSection={<IconKeyboard size={16} />} onClick={() => setHelpOpen(true)}>
                  Keyboard shortcuts
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconLogout size={16} />}
                  color="red"
                  onClick={() => {
                    void signOut().then(() => navigate('/signin', { replace: true }));
                  }}
                >
                  Sign out
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Main>{children}</AppShell.Main>
      <ShortcutsHelp opened={helpOpen} onClose={() => setHelpOpen(false)} onOpen={() => setHelpOpen(true)} />
    </AppShell>
  );
}
