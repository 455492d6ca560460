import { Fragment } from 'react';

/** The search API marks matching words «like this»; show them in bold, never as HTML. */
export function Highlighted({ text }: { text: string }) {
  const parts = text.split(/«|»/);
  return (
    <>
      {parts.map((part, index) =>
        index % 2 === 1 ? <mark key={index}>{part}</mark> : <Fragment key={index}>{part}</Fragment>,
      )}
    </>
  );
}
