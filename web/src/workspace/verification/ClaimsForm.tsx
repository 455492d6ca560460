import { Button, Group, SimpleGrid, Text, TextInput } from '@mantine/core';
import { IconShieldSearch } from '@tabler/icons-react';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import type { VerificationClaims, VerificationStanding } from '../../api/types';

type Field = VerificationStanding['verifiableFields'][number];

const EMPTY = {
  name: '',
  dateOfBirth: '',
  line1: '',
  city: '',
  postcode: '',
  pin: '',
  lastPayment: '',
  phoneLastDigits: '',
};
type Typed = typeof EMPTY;

/** What was typed, as the API takes it: only fields the caller answered. */
function claimsOf(typed: Typed): VerificationClaims {
  const t = Object.fromEntries(Object.entries(typed).map(([k, v]) => [k, v.trim()])) as Typed;
  return {
    ...(t.name ? { name: t.name } : {}),
    ...(t.dateOfBirth ? { dateOfBirth: t.dateOfBirth } : {}),
    ...(t.line1 ? { address: { line1: t.line1, ...(t.city ? { city: t.city } : {}) } } : {}),
    ...(t.postcode ? { postcode: t.postcode } : {}),
    ...(t.pin ? { pin: t.pin } : {}),
    ...(t.lastPayment ? { lastPayment: t.lastPayment } : {}),
    ...(t.phoneLastDigits ? { phoneLastDigits: t.phoneLastDigits } : {}),
  } as VerificationClaims;
}

interface Props {
  fields: readonly Field[];
  checking: boolean;
  onCheck: (claims: VerificationClaims) => void;
}

/**
 * What the caller says, in the fields the record can answer. The agent types what they hear; the
 * record is never shown next to it, so there is nothing to read out or hint at.
 */
export function ClaimsForm({ fields, checking, onCheck }: Props) {
  const [typed, setTyped] = useState<Typed>(EMPTY);
  const [tooFew, setTooFew] = useState(false);
  const form = useRef<HTMLFormElement>(null);
  // The agent starts typing what they hear at once.
  useEffect(() => form.current?.querySelector('input')?.focus(), []);
  const has = (field: Field) => fields.includes(field);
  const bind = (key: keyof Typed) => ({
    value: typed[key],
    onChange: (event: { currentTarget: { value: string } }) => {
      const value = event.currentTarget.value;
      setTyped((current) => ({ ...current, [key]: value }));
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    const claims = claimsOf(typed);
    const given = Object.keys(claims).length;
    setTooFew(given < 2);
    if (given >= 2 && !checking) onCheck(claims);
  };

  return (
    <form ref={form} onSubmit={submit} noValidate aria-label="What the caller says">
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="xs" verticalSpacing="xs">
        {has('name') ? <TextInput label="Full name" autoComplete="off" {...bind('name')} /> : null}
        {has('dateOfBirth') ? <TextInput label="Date of birth" type="date" {...bind('dateOfBirth')} /> : null}
        {has('address') ? (
          <>
            <TextInput label="Address (first line)" autoComplete="off" {...bind('line1')} />
            <TextInput label="Town or city" autoComplete="off" {...bind('city')} />
          </>
        ) : null}
        {has('postcode') ? <TextInput label="Postcode" autoComplete="off" {...bind('postcode')} /> : null}
        {has('pin') ? (
          <TextInput label="Account PIN" inputMode="numeric" autoComplete="off" maxLength={8} {...bind('pin')} />
        ) : null}
        {has('lastPayment') ? (
          <TextInput label="Last payment amount" autoComplete="off" placeholder="e.g. 32.99" {...bind('lastPayment')} />
        ) : null}
        {has('phoneLastDigits') ? (
          <TextInput
            label="Last digits of a registered phone"
            inputMode="numeric"
            autoComplete="off"
            maxLength={4}
            {...bind('phoneLastDigits')}
          />
        ) : null}
      </SimpleGrid>
      <Group justify="space-between" mt="sm" wrap="nowrap">
        <Text size="xs" c={tooFew ? 'red.8' : 'gray.7'} role={tooFew ? 'alert' : undefined}>
          {tooFew ? 'Enter at least two things the caller says.' : 'Ask for at least two; leave the rest empty.'}
        </Text>
        <Button type="submit" size="xs" loading={checking} leftSection={<IconShieldSearch size={16} aria-hidden />}>
          Check claims
        </Button>
      </Group>
    </form>
  );
}
