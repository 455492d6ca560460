import { Group, Paper, Skeleton, Text, ThemeIcon } from '@mantine/core';
import { IconChecks } from '@tabler/icons-react';
import type { AnalysisAudit } from '../api/types';
import { useAnalysisAudit } from './queries';

type Agreement = AnalysisAudit['sentiment'];

function Share({ what, agreement }: { what: string; agreement: Agreement }) {
  if (agreement.compared === 0) {
    return (
      <Text size="sm" span c="dimmed">
        {what} not judged yet
      </Text>
    );
  }
  const percent = Math.round((agreement.agreed / agreement.compared) * 100);
  return (
    <Text size="sm" span>
      {what}{' '}
      <Text span fw={700}>
        {agreement.agreed}/{agreement.compared}
      </Text>
      <Text span c="dimmed" size="xs">
        {' '}
        ({percent}%)
      </Text>
    </Text>
  );
}

/** How often the experts' latest labels agree with the analysis: the audit of the analysis, in one line. */
export function AuditStrip() {
  const audit = useAnalysisAudit();
  return (
    <Paper withBorder p="sm" component="section" aria-label="Agreement with the experts">
      <Group gap="sm" wrap="nowrap">
        <ThemeIcon variant="light" radius="xl" aria-hidden>
          <IconChecks size={18} />
        </ThemeIcon>
        {audit.isPending ? (
          <Skeleton h={18} w={360} />
        ) : audit.isError ? (
          <Text size="sm" c="dimmed">
            The agreement with the experts could not be loaded.
          </Text>
        ) : audit.data.labelled === 0 ? (
          <Text size="sm">
            No expert labels yet — label contacts below to see how often the analysis agrees with you.
          </Text>
        ) : (
          <Group gap="sm" wrap="wrap" component="p" m={0} style={{ rowGap: 2 }}>
            <Text size="sm" span fw={600}>
              Experts agreed with the analysis:
            </Text>
            <Share what="sentiment" agreement={audit.data.sentiment} />
            <Share what="topic" agreement={audit.data.topic} />
            <Share what="cues" agreement={audit.data.cues} />
            <Text size="xs" c="dimmed" span>
              from {audit.data.labelled.toLocaleString()} labelled {audit.data.labelled === 1 ? 'contact' : 'contacts'}
            </Text>
          </Group>
        )}
      </Group>
    </Paper>
  );
}
