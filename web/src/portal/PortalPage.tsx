import { Empty } from '../components/states';

export function PortalPage() {
  return <Empty title="Coming together">This screen is being built.</Empty>;
}
