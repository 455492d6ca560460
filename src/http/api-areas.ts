/**
 * The areas of the API reference, in the order a newcomer meets them, each with a line on what
 * it holds: the reference opens on this list.
 */
export const API_AREAS = [
  { name: 'health', description: 'Whether the server is up and its store answers' },
  { name: 'auth', description: 'Signing in and out, choosing a password from a link; who is signed in' },
  { name: 'contacts', description: 'Messages and calls on every channel, each on its customer’s one timeline' },
  { name: 'customers', description: 'One record per person: identities, timeline, merges and their undoing' },
  { name: 'cases', description: 'Problems owned until solved: status, priority, notes, merges and splits' },
  { name: 'ownership', description: 'Assigning, transferring and escalating cases, so one person always owns each' },
  { name: 'callbacks', description: 'Calls promised to a customer, with the window they were promised in' },
  { name: 'verification', description: 'Checking a caller is who they say, without revealing what the record holds' },
  { name: 'sla', description: 'Calendars, policies and the clocks of each case' },
  { name: 'problems', description: 'Known problems behind many cases, linked and told to customers together' },
  { name: 'partners', description: 'Cases shared with a partner organisation, and what each side sees' },
  {
    name: 'analysis',
    description: 'What the text pipeline found: topics, sentiment, alerts, and the review of its labels',
  },
  { name: 'search', description: 'One search over customers, cases and contacts' },
  {
    name: 'workspace',
    description: 'Answers shaped for the staff screens: queues, the case screen, the supervisor’s floor',
  },
  { name: 'chat', description: 'Live chat, and the live feed of changes for staff screens' },
  { name: 'portal', description: 'What customers see and do in the self-service portal' },
  { name: 'channels', description: 'Mailboxes, SMS gateway, webhooks, feeds and the chat widget' },
  { name: 'people', description: 'Staff, teams, invitations, password resets and API tokens' },
  { name: 'settings', description: 'The organisation’s name, time zone, portal address and case policy' },
];
