import { Alert, Divider, Select, Text, TextInput } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api } from '../../api/client';
import type { Problem } from '../../api/types';
import { keys, useOpenProblems } from '../queries';
import { ActionModal } from './ActionModal';
import { useCaseAction } from './useCaseAction';

interface Props {
  opened: boolean;
  onClose: () => void;
  caseId: string;
  customerId: string;
  /** The problem the case is already linked to: a case has one root cause at a time. */
  linkedProblemId: string | null;
}

const STATUS_WORDS: Record<string, string> = { new: 'new', investigating: 'investigating', known_error: 'known error' };

/** Link the case to the root cause behind it — an open problem, or a new one named here. */
export function ProblemModal({ opened, onClose, caseId, customerId, linkedProblemId }: Props) {
  const problems = useOpenProblems(opened);
  const client = useQueryClient();
  const [problemId, setProblemId] = useState<string | null>(null);
  const [title, setTitle] = useState('');
  const [nothingChosen, setNothingChosen] = useState(false);

  const link = useCaseAction<{ problemId: string | null; title: string }>({
    caseId,
    customerId,
    run: async ({ problemId, title }) => {
      let id = problemId;
      if (title.trim()) {
        id = (await api<Problem>('/problems', { method: 'POST', body: { title: title.trim() } })).id;
        // Recorded: should the link fail, trying again links this problem rather than recording a second one.
        setProblemId(id);
        setTitle('');
        void client.invalidateQueries({ queryKey: keys.openProblems });
      }
      return api(`/problems/${id}/cases`, { method: 'POST', body: { caseIds: [caseId] } });
    },
    success: ({ title }) =>
      title.trim() ? `Problem “${title.trim()}” recorded and the case linked to it` : 'Case linked to the problem',
    onDone: () => {
      setProblemId(null);
      setTitle('');
      onClose();
    },
  });

  const close = () => {
    link.reset();
    onClose();
  };

  const submit = () => {
    const creating = title.trim() !== '';
    setNothingChosen(!creating && !problemId);
    if (!creating && !problemId) return;
    link.mutate({ problemId, title });
  };

  if (linkedProblemId && opened) {
    const linked = problems.data?.items.find((p) => p.id === linkedProblemId);
    return (
      <ActionModal
        opened
        onClose={close}
        title="Link to a problem"
        submitLabel="Close"
        submitting={false}
        error={null}
        onSubmit={close}
      >
        <Alert color="blue" variant="light" title="Already linked">
          This case is linked to {linked ? `${linked.reference} ${linked.title}` : 'a problem'}. A case has one root
          cause at a time: unlink it from that problem first to link it to another.
        </Alert>
      </ActionModal>
    );
  }

  return (
    <ActionModal
      opened={opened}
      onClose={close}
      title="Link to a problem"
      submitLabel="Link"
      submitting={link.isPending}
      error={link.error}
      onSubmit={submit}
    >
      <Select
        label="Problem"
        description="An open problem this case is one more instance of"
        placeholder={
          problems.isPending
            ? 'Loading problems…'
            : problems.data?.items.length === 0
              ? 'No open problems: record one below'
              : 'Choose a problem'
        }
        data={(problems.data?.items ?? []).map((p: Problem) => ({
          value: p.id,
          label: `${p.reference} ${p.title} (${STATUS_WORDS[p.status] ?? p.status}, ${p.caseCount} ${p.caseCount === 1 ? 'case' : 'cases'})`,
        }))}
        value={problemId}
        onChange={(value) => {
          setProblemId(value);
          setNothingChosen(false);
        }}
        disabled={title.trim() !== ''}
        searchable
        openOnFocus={false}
        clearable
        nothingFoundMessage="No open problem matches"
        error={
          nothingChosen
            ? 'Choose a problem, or give a title to record a new one'
            : problems.isError
              ? 'Problems could not be loaded'
              : undefined
        }
        data-autofocus
      />
      <Divider label="or record a new problem" labelPosition="center" />
      <TextInput
        label="Title"
        description="The root cause as you understand it; the problem team refines it"
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
      {title.trim() !== '' ? (
        <Text size="xs" c="gray.7">
          A new problem “{title.trim()}” will be recorded and this case linked to it.
        </Text>
      ) : null}
    </ActionModal>
  );
}
