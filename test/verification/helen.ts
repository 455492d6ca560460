/** Seed 000's customer: the record says 10 Orchard Row, she lives at 30. */
export const HELEN = {
  name: 'Helen Carter',
  emails: ['helen.carter@example.org'],
  phones: ['+44 7700 900001'],
  address: { line1: '10 Orchard Row', city: 'Harrogate', postcode: 'HG1 4QT', country: 'United Kingdom' },
  dateOfBirth: '1986-07-14',
  pin: '2468',
  lastPaymentAmount: '32.99',
};

/** What she says on the phone: everything right, and the house she actually lives in. */
export const HELEN_SAYS = {
  name: 'helen carter',
  dateOfBirth: '1986-07-14',
  address: { line1: '30 Orchard Row', city: 'Harrogate' },
  postcode: 'hg1 4qt',
};
