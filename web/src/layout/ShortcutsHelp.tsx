import { Group, Kbd, Modal, Stack, Table, Text } from '@mantine/core';
import { useHotkeys } from '@mantine/hooks';

/** Every keyboard shortcut in one place; "?" opens it from anywhere. Keep in step with the screens that bind them. */
export const SHORTCUTS: { keys: string[]; what: string; where: string }[] = [
  { keys: ['Ctrl', 'K'], what: 'Search customers, cases and contacts', where: 'Everywhere' },
  { keys: ['/'], what: 'Search', where: 'Everywhere' },
  { keys: ['?'], what: 'Show these shortcuts', where: 'Everywhere' },
  { keys: ['J'], what: 'Open the next case in the queue', where: 'Workspace' },
  { keys: ['K'], what: 'Open the previous case in the queue', where: 'Workspace' },
  { keys: ['Enter'], what: 'Open the focused case', where: 'Workspace' },
  { keys: ['J'], what: 'Move to the next contact', where: 'Review' },
  { keys: ['K'], what: 'Move to the previous contact', where: 'Review' },
  { keys: ['Enter'], what: 'Label the focused contact', where: 'Review' },
  { keys: ['R'], what: 'Reply to the customer', where: 'Case' },
  { keys: ['N'], what: 'Add an internal note', where: 'Case' },
  { keys: ['A'], what: 'Assign the case to me', where: 'Case' },
  { keys: ['T'], what: 'Transfer with a hand-off note', where: 'Case' },
  { keys: ['E'], what: 'Escalate', where: 'Case' },
  { keys: ['B'], what: 'Book a callback', where: 'Case' },
  { keys: ['Ctrl', 'Enter'], what: 'Send the reply or note (⌘ Enter on a Mac)', where: 'Composer' },
];

export function ShortcutsHelp({
  opened,
  onClose,
  onOpen,
}: {
  opened: boolean;
  onClose: () => void;
  onOpen: () => void;
}) {
  useHotkeys([['shift+?', onOpen]]);
  return (
    <Modal opened={opened} onClose={onClose} title="Keyboard shortcuts" size="lg">
      <Table striped verticalSpacing={6}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>Keys</Table.Th>
            <Table.Th>Does</Table.Th>
            <Table.Th>Where</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {SHORTCUTS.map((s) => (
            <Table.Tr key={s.what}>
              <Table.Td>
                <Group gap={4}>
                  {s.keys.map((k) => (
                    <Kbd key={k}>{k}</Kbd>
                  ))}
                </Group>
              </Table.Td>
              <Table.Td>{s.what}</Table.Td>
              <Table.Td>
                <Text size="sm" c="dimmed">
                  {s.where}
                </Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
      <Stack mt="sm">
        <Text size="xs" c="dimmed">
          Letter shortcuts work when you are not typing in a field.
        </Text>
      </Stack>
    </Modal>
  );
}
